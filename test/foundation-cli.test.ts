// End-to-end: the command line, spawned as real processes (plus edge cases run in process) against a real database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { base32Decode, totpCodeAt, totpStepAt } from '../src/auth/index.js';
import { isoTimestamp } from '../src/shared/clock.js';
import {
  assertError,
  assertSuccess,
  BALANCES_PATH,
  cliEnv,
  envelope,
  freePort,
  LOGIN_PATH,
  openAppOn,
  otpFor,
  REPO_ROOT,
  runCliInProcess,
  SPAWN_TIMEOUT_MS,
  spawnCli,
  type AppOnDatabase,
} from './helpers/foundation-helpers.js';
import { createTestDatabase, testDatabaseDialect, type TestDatabase } from './helpers/test-database.js';

const SECRET = 'JBSWY3DPEHPK3PXP';

void describe('cli', { concurrency: true }, () => {
  void describe('commands without a database', { concurrency: true }, () => {
    void test('totp --secret prints the current 6-digit code', async () => {
      const key = base32Decode(SECRET);
      assert.ok(key !== null);
      const stepBefore = totpStepAt(Date.now());
      const result = await spawnCli(['totp', '--secret', SECRET], {});
      const stepAfter = totpStepAt(Date.now());
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^\d{6}\n$/);
      const allowed = new Set<string>();
      for (let step = stepBefore; step <= stepAfter; step++) allowed.add(totpCodeAt(key, step));
      assert.ok(allowed.has(result.stdout.trim()), `${result.stdout.trim()} not in ${[...allowed].join(',')}`);
    });

    void test('totp without a secret exits 2 with usage', async () => {
      // In process: the spawned unknown-command test below shows exit codes reach the process.
      for (const args of [['totp'], ['totp', '--secret', 'not!base32'], ['totp', '--seed', SECRET], ['totp', '--secret', '']]) {
        const inProcess = await runCliInProcess(args, {});
        assert.equal(inProcess.code, 2, `${args.join(' ')}: ${inProcess.stderr}`);
        assert.match(inProcess.stderr, /--secret/);
        assert.equal(inProcess.stdout, '');
      }
    });

    void test('an unknown command exits 2 with usage', async () => {
      const unknown = await spawnCli(['frobnicate'], { DATABASE_URL: 'sqlite::memory:' });
      assert.equal(unknown.code, 2, unknown.stderr);
      assert.match(unknown.stderr, /unknown command: frobnicate/);
      assert.match(unknown.stderr, /usage:/);
      assert.equal(unknown.stdout, '');
      const nothing = await runCliInProcess([], { DATABASE_URL: 'sqlite::memory:' });
      assert.equal(nothing.code, 2);
      assert.match(nothing.stdout + nothing.stderr, /usage:/);
      const help = await runCliInProcess(['--help'], {});
      assert.equal(help.code, 0);
      assert.match(help.stdout, /usage:/);
    });
  });

  void describe('migrate and principals', { concurrency: 1 }, () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    let app: AppOnDatabase | undefined;
    let created: { customersId: number; username: string; sharedSecret: string; otpauthUrl: string };
    const password = 'cli-password-123';

    before(async () => {
      database = await createTestDatabase();
      env = { DATABASE_URL: database.url };
    });

    after(async () => {
      await app?.close();
      await database.drop();
    });

    /** Logs in over HTTP with a TOTP step not used before (moving the in-process clock). */
    async function login(pw = password) {
      assert.ok(app !== undefined);
      app.clock.advance(30_000);
      return app.login(created.username, pw, otpFor(created.sharedSecret, app.clock.nowMs()));
    }

    void test('migrate exits 0', async () => {
      const result = await spawnCli(['migrate'], env);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(testDatabaseDialect()));
      assert.equal(result.stderr, '');
    });

    void test('principals create --json prints exactly one JSON object with the credentials', async () => {
      const result = await spawnCli(['principals', 'create', '--username', 'CliUser', '--password', password, '--json'], env);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.equal(result.stdout.trim().split('\n').length, 1, result.stdout);
      const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
      assert.equal(typeof parsed, 'object');
      assert.deepEqual(Object.keys(parsed).sort(), ['customersId', 'otpauthUrl', 'sharedSecret', 'username']);
      created = parsed as typeof created;
      assert.ok(Number.isInteger(created.customersId) && created.customersId > 0);
      assert.equal(created.username, 'cliuser');
      assert.match(created.sharedSecret, /^[A-Z2-7]{32}$/);
      assert.ok(created.otpauthUrl.startsWith('otpauth://totp/'), created.otpauthUrl);
      assert.ok(created.otpauthUrl.includes(`secret=${created.sharedSecret}`), created.otpauthUrl);
    });

    void test('the printed secret logs in through a server on the same database', async () => {
      app = await openAppOn(database.url, { LOGIN_FAILURES_MAX: '2' });
      const response = await login();
      assert.equal(response.statusCode, 200, response.body);
      const token = (envelope(response).details as { accessToken: string }).accessToken;
      const balances = await app.app.inject({
        method: 'GET',
        url: BALANCES_PATH,
        headers: { authorization: `Bearer ${token}`, otp: otpFor(created.sharedSecret, app.clock.nowMs()) },
      });
      assertSuccess(balances);
    });

    void test('a duplicate username (any case) fails clearly; principals list --json shows the one principal', async () => {
      // Two processes at once: the refused create and the listing.
      const [duplicate, list] = await Promise.all([
        spawnCli(['principals', 'create', '--username', 'CLIUSER', '--password', 'another-password', '--json'], env),
        spawnCli(['principals', 'list', '--json'], env),
      ]);
      assert.equal(duplicate.code, 1, duplicate.stderr);
      assert.match(duplicate.stderr, /cannot create principal: username taken/);
      assert.equal(duplicate.stdout, '');

      assert.equal(list.code, 0, list.stderr);
      const rows = JSON.parse(list.stdout) as Array<Record<string, unknown>>;
      assert.equal(rows.length, 1, list.stdout);
      const row = rows[0] ?? {};
      assert.deepEqual(Object.keys(row).sort(), ['customersId', 'dateAdded', 'locked', 'suppressed', 'username', 'verified']);
      assert.equal(row.customersId, created.customersId);
      assert.equal(row.username, 'cliuser');
      assert.equal(row.verified, true);
      assert.equal(row.suppressed, false);
      assert.equal(row.locked, false);
      assert.ok(!Number.isNaN(Date.parse(String(row.dateAdded))));
    });

    void test('other refusals of principals create (in process)', async () => {
      const shortPassword = await runCliInProcess(['principals', 'create', '--username', 'fresh-user', '--password', 'short'], env);
      assert.equal(shortPassword.code, 1);
      assert.match(shortPassword.stderr, /password must be 8-256 characters/);
      const badName = await runCliInProcess(['principals', 'create', '--username', 'has space', '--password', 'long-enough-pw'], env);
      assert.equal(badName.code, 1);
      assert.match(badName.stderr, /username/);
      const missing = await runCliInProcess(['principals', 'create', '--username', 'fresh-user'], env);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /--password is required/);
      assert.ok(app !== undefined);
      const rows = await app.runtime.database.db.selectFrom('principals').select('username').execute();
      assert.deepEqual(
        rows.map((r) => r.username),
        ['cliuser'],
      );
      const text = await runCliInProcess(['principals', 'list'], env);
      assert.equal(text.code, 0);
      assert.match(text.stdout, /cliuser/);
      // An unverified principal can be made too, and is listed as such.
      const unverified = await runCliInProcess(['principals', 'create', '--username', 'not-yet', '--password', 'long-enough-pw', '--unverified', '--json'], env);
      assert.equal(unverified.code, 0, unverified.stderr);
      const listed = JSON.parse((await runCliInProcess(['principals', 'list', '--json'], env)).stdout) as Array<Record<string, unknown>>;
      assert.equal(listed.find((r) => r.username === 'not-yet')?.verified, false);
    });

    void test('suppress, unsuppress and unlock change what the server answers', async () => {
      assert.ok(app !== undefined);
      const suppress = await spawnCli(['principals', 'suppress', '--username', 'CliUser'], env);
      assert.equal(suppress.code, 0, suppress.stderr);
      assertError(await login(), 401, 'Account_Suppressed');
      // Lock it too (LOGIN_FAILURES_MAX is 2 for this server).
      assertError(await login('wrong-password-1'), 401, 'Username_Or_Password_Incorrect');
      assertError(await login('wrong-password-2'), 401, 'Account_Locked');
      const rows = JSON.parse((await runCliInProcess(['principals', 'list', '--json'], env)).stdout) as Array<Record<string, unknown>>;
      const listed = rows.find((r) => r.username === 'cliuser') ?? {};
      assert.equal(listed.suppressed, true);
      assert.equal(listed.locked, true);

      const unsuppress = await runCliInProcess(['principals', 'unsuppress', '--username', 'cliuser'], env);
      assert.equal(unsuppress.code, 0, unsuppress.stderr);
      assertError(await login(), 401, 'Account_Locked');

      const unlock = await runCliInProcess(['principals', 'unlock', '--username', 'cliuser'], env);
      assert.equal(unlock.code, 0, unlock.stderr);
      const response = await login();
      assert.equal(response.statusCode, 200, response.body);
      const finalRow = await app.runtime.database.db.selectFrom('principals').selectAll().where('username', '=', 'cliuser').executeTakeFirstOrThrow();
      assert.equal(finalRow.b_suppressed, 0);
      assert.equal(finalRow.locked_until, null);
    });

    void test('state commands need an existing --username', async () => {
      const unknownUser = await runCliInProcess(['principals', 'suppress', '--username', 'nobody'], env);
      const noUser = await runCliInProcess(['principals', 'unlock'], env);
      const badSub = await runCliInProcess(['principals', 'explode'], env);
      assert.equal(unknownUser.code, 1);
      assert.match(unknownUser.stderr, /no principal named nobody/);
      assert.equal(noUser.code, 2);
      assert.match(noUser.stderr, /--username is required/);
      assert.equal(badSub.code, 2);
    });
  });

  /** A spawned `serve` process with its output so far. */
  interface ServeProcess {
    readonly child: ChildProcess;
    stdout: string;
    stderr: string;
    readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  }

  function startServe(env: Record<string, string>): ServeProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
      cwd: REPO_ROOT,
      env: cliEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const serve: ServeProcess = {
      child,
      stdout: '',
      stderr: '',
      exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))),
    };
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (serve.stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (serve.stderr += chunk));
    return serve;
  }

  async function waitForListening(serve: ServeProcess, timeoutMs = SPAWN_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!serve.stdout.includes('listening on')) {
      if (serve.child.exitCode !== null) throw new Error(`serve exited early (${serve.child.exitCode}): ${serve.stderr}`);
      if (Date.now() > deadline) throw new Error(`serve did not start: ${serve.stdout} ${serve.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Longer than the server's own SHUTDOWN_TIMEOUT_MS (10 s): a shutdown that hangs shows as the server's exit 1, not as this timeout. */
  async function stopServe(serve: ServeProcess, timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const started = Date.now();
    serve.child.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const outcome = await Promise.race([serve.exited, timeout]);
    if (outcome === 'timeout') {
      serve.child.kill('SIGKILL');
      assert.fail(`serve did not exit within ${timeoutMs} ms of SIGTERM`);
    }
    assert.ok(Date.now() - started < timeoutMs);
    return outcome;
  }

  void describe('serve', { concurrency: 1 }, () => {
    let database: TestDatabase;
    const running: ServeProcess[] = [];

    before(async () => {
      database = await createTestDatabase();
    });

    after(async () => {
      for (const serve of running) if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
      await Promise.all(running.map((serve) => serve.exited));
      await database.drop();
    });

    void test('prints the demo principal on an empty database, serves real HTTP, and stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      const env = { DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1' };
      const serve = startServe(env);
      running.push(serve);
      await waitForListening(serve);
      assert.match(serve.stdout, new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));
      const printed = {
        username: /username:\s+(\S+)/.exec(serve.stdout)?.[1],
        password: /password:\s+(\S+)/.exec(serve.stdout)?.[1],
        sharedSecret: /sharedSecret:\s+(\S+)/.exec(serve.stdout)?.[1],
      };
      assert.equal(printed.username, 'demo', serve.stdout);
      assert.ok(printed.password !== undefined && printed.sharedSecret !== undefined, serve.stdout);

      // `principals demo --json` shows the same credentials while the server runs.
      const demo = await spawnCli(['principals', 'demo', '--json'], { DATABASE_URL: database.url });
      assert.equal(demo.code, 0, demo.stderr);
      const shown = JSON.parse(demo.stdout) as Record<string, unknown>;
      assert.equal(shown.username, printed.username);
      assert.equal(shown.password, printed.password);
      assert.equal(shown.sharedSecret, printed.sharedSecret);

      // The credentials log in over real HTTP.
      const base = `http://127.0.0.1:${port}`;
      const otp = otpFor(printed.sharedSecret, Date.now());
      const loginResponse = await fetch(`${base}${LOGIN_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: printed.username, password: printed.password, otp }),
      });
      const loginBody = (await loginResponse.json()) as { status: string; details: { accessToken: string; expiresIn: number } };
      assert.equal(loginResponse.status, 200, JSON.stringify(loginBody));
      assert.equal(loginBody.status, '1');
      assert.equal(loginBody.details.expiresIn, 3600);
      const token = loginBody.details.accessToken;
      const balances = await fetch(`${base}${BALANCES_PATH}`, { headers: { authorization: `Bearer ${token}`, otp } });
      assert.equal(balances.status, 200, await balances.clone().text());
      const balancesBody = (await balances.json()) as { id: number; details: unknown; status: string; errors: unknown[] };
      assert.equal(balancesBody.id, 0);
      assert.equal(balancesBody.status, '1');
      assert.deepEqual(balancesBody.details, []);
      assert.deepEqual(balancesBody.errors, []);
      const health = await fetch(`${base}/health`);
      assert.equal(health.status, 200);

      const stopped = await stopServe(serve);
      assert.deepEqual(stopped, { code: 0, signal: null }, serve.stderr);
      await assert.rejects(fetch(`${base}/health`));

      // A second start on the same database: no new demo principal, and the old token still works
      // (the signing key lives in the database). On a port of its own: the one just released may
      // be taken meanwhile by another test file running in parallel.
      const againPort = await freePort();
      const again = startServe({ ...env, PORT: String(againPort) });
      running.push(again);
      await waitForListening(again);
      assert.match(again.stdout, new RegExp(`listening on http://127\\.0\\.0\\.1:${againPort}`));
      assert.equal(again.stdout.includes('Demo principal created'), false, again.stdout);
      const afterRestart = await fetch(`http://127.0.0.1:${againPort}${BALANCES_PATH}`, {
        headers: { authorization: `Bearer ${token}`, otp: otpFor(printed.sharedSecret, Date.now()) },
      });
      assert.equal(afterRestart.status, 200, await afterRestart.clone().text());
      assert.deepEqual(await stopServe(again), { code: 0, signal: null }, again.stderr);
    });

    void test('logs one line per request (secrets in the query replaced), and writes every buffered line on SIGTERM', async () => {
      const port = await freePort();
      const serve = startServe({ DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', DEMO_PRINCIPAL: 'false', LOG_LEVEL: 'info' });
      running.push(serve);
      await waitForListening(serve);
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await fetch(`${base}/health`)).status, 200);
      await (await fetch(`${base}/quickbuy/widget/frame?key=k-secret-1&customer=c1&token=t-secret-2`)).text();
      assert.deepEqual(await stopServe(serve), { code: 0, signal: null }, serve.stderr);
      const lines = serve.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const requests = lines.filter((line) => line.msg === 'request completed');
      assert.deepEqual(
        requests.map((line) => [line.method, line.url, line.status]),
        [
          ['GET', '/health', 200],
          ['GET', '/quickbuy/widget/frame?key=[redacted]&customer=c1&token=[redacted]', 401],
        ],
      );
      for (const line of requests) assert.equal(typeof line.responseTime, 'number');
      assert.ok(!serve.stdout.includes('k-secret-1') && !serve.stdout.includes('t-secret-2'), 'no query secret in the log');
      // The last line, logged just before the process exits, is there: the buffer was written at exit.
      assert.equal(lines.at(-1)?.msg, 'shutting down', serve.stdout);
    });

    void test('principals demo without a demo principal fails clearly', async () => {
      const empty = await createTestDatabase();
      try {
        const result = await runCliInProcess(['principals', 'demo', '--json'], { DATABASE_URL: empty.url });
        assert.equal(result.code, 1);
        assert.match(result.stderr, /no demo principal/);
        assert.equal(result.stdout, '');
      } finally {
        await empty.drop();
      }
    });

    void test('removes expired idempotency keys at start and every IDEMPOTENCY_CLEANUP_INTERVAL_MS, and stops cleanly', async () => {
      const keys = await createTestDatabase();
      const observer = await openAppOn(keys.url);
      const db = observer.runtime.database.db;
      const hourMs = 3_600_000;
      const addKey = (key: string, ageMs: number) =>
        db
          .insertInto('idempotency_keys')
          .values({ customers_id: 1, idempotency_key: key, request_hash: 'h', result: '1', date_added: isoTimestamp(Date.now() - ageMs) })
          .execute();
      const stored = async () => (await db.selectFrom('idempotency_keys').select('idempotency_key').orderBy('idempotency_key').execute()).map((r) => r.idempotency_key);
      const waitFor = async (expected: string[]) => {
        const deadline = Date.now() + 10_000;
        while (JSON.stringify(await stored()) !== JSON.stringify(expected) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual(await stored(), expected);
      };
      try {
        await addKey('expired-before-start', 49 * hourMs);
        await addKey('kept', 47 * hourMs);
        const serve = startServe({ DATABASE_URL: keys.url, PORT: String(await freePort()), HOST: '127.0.0.1', DEMO_PRINCIPAL: 'false', IDEMPOTENCY_CLEANUP_INTERVAL_MS: '1000' });
        running.push(serve);
        await waitForListening(serve);
        await waitFor(['kept']);
        await addKey('expired-while-running', 50 * hourMs);
        await waitFor(['kept']);
        assert.deepEqual(await stopServe(serve), { code: 0, signal: null }, serve.stderr);
      } finally {
        await observer.close();
        await keys.drop();
      }
    });
  });
});
