// Callbacks, durability: a callback committed with its change survives a SIGKILL of the server in
// the middle of its delivery and is sent again (same Id, same body) after a restart; two workers
// on one PostgreSQL database never send the same callback twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { base32Decode, totpCodeAt, totpStepAt } from '../src/auth/index.js';
import { CallbackWorker } from '../src/callbacks/index.js';
import { runCli } from '../src/cli/run-cli.js';
import { loadConfig } from '../src/config/config.js';
import { NO_WRITE_CONTEXT } from '../src/db/unit-of-work.js';
import { openRuntime, type Runtime } from '../src/runtime.js';
import { unitsFromInteger } from '../src/shared/decimal.js';
import { REPO_ROOT } from './helpers/accounts-helpers.js';
import { answer, CallbackReceiver } from './helpers/callbacks-receiver.js';
import { assertWireFormat, sleep, type ListedCallback } from './helpers/callbacks-helpers.js';
import { cliEnv, SPAWN_TIMEOUT_MS } from './helpers/foundation-helpers.js';
import { createTestDatabase, testDatabaseDialect, type TestDatabase } from './helpers/test-database.js';

/** Runs a CLI command in this process against `databaseUrl`; fails the test unless it exits 0. */
async function cli(databaseUrl: string, args: readonly string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, cwd: REPO_ROOT, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  assert.equal(code, 0, `${args.join(' ')}: ${stderr}`);
  return stdout;
}

interface ServeProcess {
  readonly child: ChildProcess;
  output: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServe(env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const serve: ServeProcess = { child, output: '', exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (serve.output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (serve.output += chunk));
  return serve;
}

async function waitForListening(serve: ServeProcess, timeoutMs = SPAWN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!serve.output.includes('listening on')) {
    if (serve.child.exitCode !== null) throw new Error(`serve exited early (${serve.child.exitCode}): ${serve.output}`);
    if (Date.now() > deadline) throw new Error(`serve did not start: ${serve.output}`);
    await sleep(25);
  }
}

/** The base URL the server printed in its `listening on` line. */
function listeningBase(serve: ServeProcess): string {
  const base = /listening on (http:\/\/[\d.]+:\d+)/.exec(serve.output)?.[1];
  assert.ok(base !== undefined, serve.output);
  return base;
}

async function waitUntil(what: string, done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('callbacks: durability', () => {
  describe('SIGKILL during a delivery', () => {
    let database: TestDatabase;
    let receiver: CallbackReceiver;
    const running: ServeProcess[] = [];

    before(async () => {
      database = await createTestDatabase();
      receiver = await CallbackReceiver.start();
    });
    after(async () => {
      for (const serve of running) if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
      await Promise.all(running.map((serve) => serve.exited));
      await receiver?.close();
      await database?.drop();
    });

    test('a committed callback whose delivery was cut by SIGKILL is sent again after a restart: same Id and body, then delivered', async () => {
      const url = database.url;
      const password = 'durable-password-1';
      const created = JSON.parse(await cli(url, ['principals', 'create', '--username', 'durable', '--password', password, '--json'])) as {
        customersId: number;
        sharedSecret: string;
      };
      receiver.answerAlways(answer.hang());
      const { hashSecret } = JSON.parse(await cli(url, ['principals', 'set-callback', '--username', 'durable', '--url', receiver.url('/durable'), '--json'])) as {
        hashSecret: string;
      };

      // Port 0: each start gets a port of its own from the kernel (test files run in parallel).
      const env = {
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DEMO_PRINCIPAL: 'false',
        CALLBACK_TIMEOUT_MS: '1000',
        CALLBACK_POLL_INTERVAL_MS: '50',
      };
      const first = startServe(env);
      running.push(first);
      await waitForListening(first);

      // Real HTTP with a real TOTP.
      const base = listeningBase(first);
      const key = base32Decode(created.sharedSecret);
      assert.ok(key !== null);
      const otp = () => totpCodeAt(key, totpStepAt(Date.now()));
      const login = await fetch(`${base}/api/v1/public/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'durable', password, otp: otp() }),
      });
      const loginText = await login.text();
      assert.equal(login.status, 200, loginText);
      const token = (JSON.parse(loginText) as { details: { accessToken: string } }).details.accessToken;
      const post = async (path: string, payload: string) => {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, otp: otp(), 'content-type': 'application/json' },
          body: payload,
        });
        const text = await response.text();
        assert.equal(response.status, 200, text);
        return JSON.parse(text) as { id: number; details: { accounts?: { id: number }[] } };
      };
      const account = (await post('/api/v2/customer/accounts/create', JSON.stringify({ CustomersId: created.customersId, Name: 'durable USD', Asset: 'USD' }))).details
        .accounts?.[0]?.id;
      assert.ok(account !== undefined);
      const transactionsId = (await post('/api/v1/customer/simulations/payins', `{"DestinationAccountId":${account},"TransferType":"ACH","Amount":12.34}`)).id;

      // The pay-in committed; the worker starts the delivery and the receiver holds it. Kill the server mid-request.
      await receiver.waitFor(1, 5000);
      first.child.kill('SIGKILL');
      assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
      const [queued] = JSON.parse(await cli(url, ['callbacks', 'list', '--json'])) as ListedCallback[];
      assert.ok(queued !== undefined);
      assert.equal(queued.status, 'pending', 'the callback survived the crash');
      const firstRequest = receiver.requests[0];
      assert.ok(firstRequest !== undefined);
      const sent = assertWireFormat(firstRequest, hashSecret);
      assert.equal(sent.Id, queued.id);
      assert.ok(firstRequest.rawBody.includes(`"TransactionsId":${transactionsId},`), firstRequest.rawBody);
      assert.ok(firstRequest.rawBody.includes('"Amount":12.34,'), firstRequest.rawBody);

      receiver.answerAlways(answer.status(200));
      const second = startServe(env);
      running.push(second);
      await waitForListening(second);
      // The dead worker's claim expires (timeout plus slack), then the new process sends it again.
      await receiver.waitFor(2, 15_000);
      const again = receiver.requests[1];
      assert.ok(again !== undefined);
      assert.equal(assertWireFormat(again, hashSecret).Id, sent.Id);
      assert.equal(again.rawBody, firstRequest.rawBody, 'the same body byte for byte');
      await waitUntil(
        'the callback to be delivered',
        async () => (JSON.parse(await cli(url, ['callbacks', 'list', '--json'])) as ListedCallback[])[0]?.status === 'delivered',
        5000,
      );
      const [delivered] = JSON.parse(await cli(url, ['callbacks', 'list', '--json'])) as ListedCallback[];
      assert.equal(delivered?.attempts.at(-1)?.httpStatus, 200);
      assert.equal(receiver.requests.length, 2, 'sent exactly once more');

      second.child.kill('SIGTERM');
      assert.deepEqual(await second.exited, { code: 0, signal: null }, second.output);
    });
  });

  describe('two workers on one PostgreSQL database', { skip: testDatabaseDialect() === 'sqlite' ? 'PostgreSQL only (TEST_DATABASE_URL)' : false }, () => {
    let database: TestDatabase;
    let receiver: CallbackReceiver;
    const runtimes: Runtime[] = [];

    before(async () => {
      database = await createTestDatabase();
      receiver = await CallbackReceiver.start();
    });
    after(async () => {
      for (const runtime of runtimes) await runtime.close();
      await receiver?.close();
      await database?.drop();
    });

    test('50 queued callbacks driven by two workers concurrently: each Id is received exactly once', async () => {
      // Small batches and several passes in flight per worker make the claims collide often.
      const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', CALLBACK_TIMEOUT_MS: '2000', CALLBACK_RETRY_INITIAL_MS: '10', CALLBACK_BATCH_SIZE: '3' });
      runtimes.push(await openRuntime(config, REPO_ROOT));
      runtimes.push(await openRuntime(config, REPO_ROOT));
      const [one, two] = runtimes as [Runtime, Runtime];

      const principal = await one.auth.createPrincipal('twoworkers', 'two-workers-password');
      const { hashSecret } = JSON.parse(await cli(database.url, ['principals', 'set-callback', '--username', 'twoworkers', '--url', receiver.url('/two'), '--json'])) as {
        hashSecret: string;
      };
      const created = await one.accounts.createAccount(principal.customersId, { CustomersId: principal.customersId, Name: 'USD', Asset: 'USD' }, NO_WRITE_CONTEXT);
      const accountId = created.accounts[0]?.id;
      assert.ok(accountId !== undefined);
      for (let i = 1; i <= 50; i++) {
        await one.simulations.payIn(principal.customersId, { DestinationAccountId: accountId, TransferType: 'ACH', Amount: unitsFromInteger(BigInt(i)) }, NO_WRITE_CONTEXT);
      }
      const queued = await one.database.db.selectFrom('callbacks').select('id').execute();
      assert.equal(queued.length, 50);

      receiver.answerAlways(answer.status(200, 30));
      const silent = { warn: () => undefined, error: () => undefined };
      const workers = [new CallbackWorker(one.database, one.clock, config, silent), new CallbackWorker(two.database, two.clock, config, silent)];
      const claimed = [0, 0];
      const pending = async () =>
        Number(
          (
            await one.database.db
              .selectFrom('callbacks')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('status', '!=', 'delivered')
              .executeTakeFirstOrThrow()
          ).n,
        );
      const deadline = Date.now() + 10_000;
      const PASSES_IN_FLIGHT = 3;
      await Promise.all(
        workers.flatMap((worker, index) =>
          Array.from({ length: PASSES_IN_FLIGHT }, async () => {
            while ((await pending()) > 0) {
              assert.ok(Date.now() < deadline, 'not all delivered in time');
              const attempted = await worker.runOnce();
              claimed[index]! += attempted;
            }
          }),
        ),
      );

      const ids = receiver.requests.map((r) => assertWireFormat(r, hashSecret).Id);
      assert.equal(ids.length, 50, 'exactly 50 requests');
      assert.equal(new Set(ids).size, 50, 'no Id received twice');
      assert.deepEqual([...ids].sort(), queued.map((q) => q.id).sort());
      assert.equal(claimed[0]! + claimed[1]!, 50, `claims ${claimed.join('+')}`);
      assert.ok(claimed[0]! > 0 && claimed[1]! > 0, `both workers took part (${claimed.join('+')})`);
      const attempts = await one.database.db.selectFrom('callback_attempts').select(['callbacks_id', 'http_status']).execute();
      assert.equal(attempts.length, 50, 'one logged attempt per callback');
      assert.ok(attempts.every((a) => a.http_status === 200));
    });
  });
});
