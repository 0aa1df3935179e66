// Callbacks, failures: receivers that hang, drop the connection, refuse it, answer a huge or endless
// body, or redirect. Each attempt is logged with its error and retried with the same Id, the server
// keeps answering meanwhile, the retry window ends in `failed`, and `callbacks replay` re-sends.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CallbackWorker } from '../src/callbacks/index.js';
import { loadConfig } from '../src/config/config.js';
import { assertOk, createAccount, newApi, PATHS, payIn, type Api } from './helpers/accounts-helpers.js';
import { answer, CallbackReceiver } from './helpers/callbacks-receiver.js';
import { assertWireFormat, driveUntil, listCallbacks, listedCallback, outboxStatus, setCallback, setCallbackSecret, sleep } from './helpers/callbacks-helpers.js';
import { freePort } from './helpers/foundation-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

/** The attempt timeout: long enough that two requests served meanwhile finish first, even on a loaded machine. */
const TIMEOUT_MS = 1000;
const TEN_MB = 10 * 1024 * 1024;
const silent = { warn: () => undefined, error: () => undefined };

interface Scenario {
  readonly api: Api;
  readonly receiver: CallbackReceiver;
  readonly secret: string;
  readonly usd: number;
}

describe('callbacks: failing receivers', () => {
  let server: TestServer;
  let quiet: Api;
  let quietUsd: number;
  const receivers: CallbackReceiver[] = [];

  /** A principal with its own receiver and a USD account. */
  async function scenario(): Promise<Scenario> {
    const receiver = await CallbackReceiver.start();
    receivers.push(receiver);
    const api = await newApi(server);
    const secret = await setCallbackSecret(server, api.principal.username, receiver.url());
    return { api, receiver, secret, usd: await createAccount(api, 'USD') };
  }

  /** Pays in and returns the id of the one callback it queued. */
  async function payInCallback(s: Scenario, amount = '1'): Promise<string> {
    const transactionsId = await payIn(s.api, s.usd, amount);
    const rows = await server.runtime.database.db.selectFrom('callbacks').select(['id', 'body']).where('status', '=', 'pending').execute();
    const row = rows.find((r) => r.body.includes(`"TransactionsId":${transactionsId},`));
    assert.ok(row !== undefined, 'callback queued');
    return row.id;
  }

  before(async () => {
    const env = { CALLBACK_TIMEOUT_MS: String(TIMEOUT_MS), CALLBACK_RETRY_INITIAL_MS: '20', CALLBACK_POLL_INTERVAL_MS: '20' };
    ({
      server,
      api: quiet,
      accounts: { usd: quietUsd },
    } = await createWorld({ env, accounts: { usd: { asset: 'USD' } } }));
  });
  after(async () => {
    await server?.close();
    for (const receiver of receivers) await receiver.close();
  });

  test('a hanging receiver: the attempt times out and is logged, the server keeps answering fast, the retry delivers the same Id', async () => {
    const s = await scenario();
    s.receiver.enqueue(answer.hang());
    const id = await payInCallback(s);
    server.callbacks.start();
    try {
      await s.receiver.waitFor(1);
      // While the worker waits on the hanging receiver, a read and a write are served: both answer
      // before the attempt times out (nothing is logged for it yet).
      const started = performance.now();
      assertOk(await s.api.get(`${PATHS.account}?Id=${s.usd}`));
      await payIn(quiet, quietUsd, '1');
      const elapsed = performance.now() - started;
      assert.ok(elapsed < TIMEOUT_MS, `requests took ${elapsed} ms while a callback hung`);
      const logged = await server.runtime.database.db.selectFrom('callback_attempts').select('id').where('callbacks_id', '=', id).execute();
      assert.deepEqual(logged, [], 'the hanging attempt is still in flight');
      assert.equal(s.receiver.requests.length, 1, 'still hanging');
      await s.receiver.waitFor(2, 5000);
      await driveUntil(server.callbacks, async () => (await outboxStatus(server, id)) === 'delivered', 2000, 20);
    } finally {
      await server.callbacks.stop();
    }
    const listed = await listedCallback(server, id);
    assert.equal(listed.status, 'delivered');
    assert.equal(listed.attempts.length, 2);
    const [timedOut, ok] = listed.attempts;
    assert.equal(timedOut?.httpStatus, null);
    assert.match(String(timedOut?.error), /timeout/i);
    assert.ok(timedOut.latencyMs >= TIMEOUT_MS - 20 && timedOut.latencyMs < TIMEOUT_MS + 2000, String(timedOut.latencyMs));
    assert.equal(ok?.httpStatus, 200);
    assert.equal(ok.error, null);
    const bodies = s.receiver.requests.map((r) => assertWireFormat(r, s.secret));
    assert.deepEqual(
      bodies.map((b) => b.Id),
      [id, id],
    );
    assert.equal(s.receiver.requests[0]?.rawBody, s.receiver.requests[1]?.rawBody);
  });

  test('a receiver that destroys the connection: the error is logged (not a timeout) and the attempt retried', async () => {
    const s = await scenario();
    s.receiver.enqueue(answer.close(), answer.close());
    const id = await payInCallback(s);
    await driveUntil(server.callbacks, () => s.receiver.requests.length >= 3);
    await driveUntil(server.callbacks, async () => (await outboxStatus(server, id)) === 'delivered', 1000);
    const listed = await listedCallback(server, id);
    assert.deepEqual(
      listed.attempts.map((a) => a.httpStatus),
      [null, null, 200],
    );
    for (const a of listed.attempts.slice(0, 2)) {
      assert.ok(a.error !== null && a.error !== '', 'error recorded');
      assert.doesNotMatch(a.error, /timeout/i, 'failed at once, not by the timeout');
    }
    assert.deepEqual(new Set(s.receiver.ids()), new Set([id]));
  });

  test('a refused connection is logged and retried; a URL changed meanwhile is used by the next attempt (same Id, same secret)', async () => {
    const s = await scenario();
    const closedPort = await freePort();
    const refusedUrl = `http://127.0.0.1:${closedPort}/hook`;
    assert.equal((await setCallback(server, s.api.principal.username, refusedUrl)).hashSecret, null);
    const id = await payInCallback(s);
    await driveUntil(server.callbacks, async () => (await listedCallback(server, id)).attempts.length >= 1);
    const first = (await listedCallback(server, id)).attempts[0];
    assert.equal(first?.url, refusedUrl);
    assert.match(String(first?.error), /ECONNREFUSED/);
    assert.equal(await outboxStatus(server, id), 'pending');
    await setCallback(server, s.api.principal.username, s.receiver.url());
    await driveUntil(server.callbacks, async () => (await outboxStatus(server, id)) === 'delivered', 2000);
    assert.equal(assertWireFormat(s.receiver.requests[0]!, s.secret).Id, id);
    assert.equal((await listedCallback(server, id)).attempts.at(-1)?.url, s.receiver.url());
  });

  test('a 10 MB answer body counts by its status only: 2xx delivered fast, even when the body never ends; 5xx retried', async () => {
    const s = await scenario();
    s.receiver.enqueue(answer.huge(200, TEN_MB));
    const externalBefore = process.memoryUsage().arrayBuffers;
    const first = await payInCallback(s);
    await driveUntil(server.callbacks, async () => (await outboxStatus(server, first)) !== 'pending', 2000);
    const growth = process.memoryUsage().arrayBuffers - externalBefore;
    assert.ok(growth < 4 * 1024 * 1024, `buffers grew by ${growth} bytes: the answer body was read`);

    s.receiver.enqueue(answer.huge(200, TEN_MB, true));
    const endless = await payInCallback(s);
    await driveUntil(server.callbacks, async () => (await outboxStatus(server, endless)) !== 'pending', 2000);

    s.receiver.enqueue(answer.huge(503, TEN_MB));
    const unavailable = await payInCallback(s);
    await driveUntil(server.callbacks, async () => (await outboxStatus(server, unavailable)) !== 'pending', 2000);

    for (const id of [first, endless]) {
      const listed = await listedCallback(server, id);
      assert.equal(listed.status, 'delivered');
      assert.equal(listed.attempts.length, 1);
      assert.equal(listed.attempts[0]?.httpStatus, 200);
      assert.equal(listed.attempts[0]?.error, null, 'not a timeout: the worker did not wait for the body');
    }
    const retried = await listedCallback(server, unavailable);
    assert.equal(retried.status, 'delivered');
    assert.deepEqual(
      retried.attempts.map((a) => [a.httpStatus, a.error]),
      [
        [503, 'HTTP 503'],
        [200, null],
      ],
    );
    // Each time the worker hung up after the status line: the receiver could not push the whole body.
    assert.equal(s.receiver.hugeBytesWritten.length, 3);
    for (const written of s.receiver.hugeBytesWritten) assert.ok(written < TEN_MB, `${written} bytes written: the body was read`);
  });

  test('redirects (302, 307) are failures and are not followed: the target gets nothing', async () => {
    const s = await scenario();
    const target = await CallbackReceiver.start();
    receivers.push(target);
    s.receiver.enqueue(answer.redirect(target.url('/elsewhere'), 302), answer.redirect(target.url('/elsewhere'), 307));
    const id = await payInCallback(s);
    await driveUntil(server.callbacks, async () => (await outboxStatus(server, id)) === 'delivered', 2000);
    const listed = await listedCallback(server, id);
    assert.deepEqual(
      listed.attempts.map((a) => [a.httpStatus, a.error]),
      [
        [302, 'HTTP 302'],
        [307, 'HTTP 307'],
        [200, null],
      ],
    );
    await sleep(50);
    assert.equal(target.started, 0, 'the redirect target was never contacted');
    assert.deepEqual(s.receiver.ids(), [id, id, id]);
  });

  test('backoff is exponential with jitter: about 1x, 2x, 4x the initial delay (±25 %), spread across callbacks', async () => {
    const s = await scenario();
    s.receiver.answerAlways(answer.status(500));
    // The test clock jumps from round to round, so a long delay costs no time; it leaves the
    // "none due again" check seconds of margin when the machine is loaded.
    const initialMs = 4000;
    const worker = new CallbackWorker(
      server.runtime.database,
      server.clock,
      loadConfig({ DATABASE_URL: server.database.url, CALLBACK_RETRY_INITIAL_MS: String(initialMs), CALLBACK_TIMEOUT_MS: String(TIMEOUT_MS) }),
      silent,
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await payInCallback(s));
    const db = server.runtime.database.db;
    for (let round = 0; round < 3; round++) {
      assert.equal(await worker.runOnce(), 5, `round ${round}: all five due`);
      assert.equal(await worker.runOnce(), 0, 'none due again before its delay');
      const delays: number[] = [];
      for (const id of ids) {
        const row = await db.selectFrom('callbacks').select(['status', 'attempts', 'next_attempt_at']).where('id', '=', id).executeTakeFirstOrThrow();
        const last = await db.selectFrom('callback_attempts').select('attempted_at').where('callbacks_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
        assert.equal(row.status, 'pending');
        assert.equal(row.attempts, round + 1);
        const delay = Date.parse(row.next_attempt_at) - Date.parse(last.attempted_at);
        const base = initialMs * 2 ** round;
        assert.ok(delay >= base * 0.75 && delay <= base * 1.25, `round ${round}: delay ${delay} ms, expected ${base} ±25 %`);
        delays.push(delay);
      }
      assert.ok(new Set(delays).size > 1, `jitter: five callbacks failing together retry at different times (${delays.join(', ')})`);
      server.clock.advance(initialMs * 2 ** round * 1.25 + 50);
    }
    s.receiver.answerAlways(answer.status(200));
    assert.equal(await worker.runOnce(), 5);
    for (const id of ids) assert.equal(await outboxStatus(server, id), 'delivered');
  });

  test('past the retry window the callback is failed and listed by --status failed; replay sends it again (same Id and body)', async () => {
    const s = await scenario();
    s.receiver.answerAlways(answer.status(500));
    // A worker with a one-minute window over the same database and clock.
    const windowed = new CallbackWorker(server.runtime.database, server.clock, { ...server.runtime.config, callbackRetryWindowMs: 60_000 }, silent);
    const id = await payInCallback(s);
    await driveUntil(windowed, () => s.receiver.requests.length >= 1);
    assert.equal(await outboxStatus(server, id), 'pending', 'within the window: retried later');
    server.clock.advance(61_000);
    await driveUntil(windowed, async () => (await outboxStatus(server, id)) !== 'pending');
    assert.equal(await outboxStatus(server, id), 'failed');
    server.clock.advance(3_600_000);
    assert.equal(await windowed.runOnce(), 0, 'a failed callback is not attempted again');
    assert.equal(await server.callbacks.runOnce(), 0);

    const failed = await listCallbacks(server, '--status', 'failed');
    assert.deepEqual(
      failed.map((c) => c.id),
      [id],
    );
    const listed = failed[0]!;
    assert.equal(listed.status, 'failed');
    assert.equal(listed.lastError, 'HTTP 500');
    assert.equal(listed.nextAttemptAt, null);
    assert.equal(listed.dateDelivered, null);
    assert.deepEqual(
      listed.attempts.map((a) => a.httpStatus),
      [500, 500],
    );
    assert.ok(!(await listCallbacks(server, '--status', 'delivered')).some((c) => c.id === id));
    assert.ok(!(await listCallbacks(server, '--status', 'pending')).some((c) => c.id === id));
    const text = await server.cli(['callbacks', 'list', '--status', 'failed']);
    assert.equal(text.exitCode, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`${id}\\s+FIAT_DEPOSIT_RECEIVED\\s+failed\\s+attempts 2`));
    assert.match(text.stdout, /last error: HTTP 500/);

    // A replay while the receiver still fails: exit 1, logged, still failed.
    const stillFailing = await server.cli(['callbacks', 'replay', '--id', id]);
    assert.equal(stillFailing.exitCode, 1);
    assert.match(stillFailing.stderr, /HTTP 500/);
    assert.equal(await outboxStatus(server, id), 'failed');
    assert.equal((await listedCallback(server, id)).attempts.length, 3);

    s.receiver.answerAlways(answer.status(200));
    const replayed = await server.cli(['callbacks', 'replay', '--id', id]);
    assert.equal(replayed.exitCode, 0, replayed.stderr);
    assert.match(replayed.stdout, new RegExp(`replayed ${id}: HTTP 200`));
    const requests = s.receiver.requests;
    assert.equal(requests.length, 4);
    const bodies = requests.map((r) => assertWireFormat(r, s.secret));
    assert.deepEqual(
      bodies.map((b) => b.Id),
      [id, id, id, id],
    );
    assert.equal(new Set(requests.map((r) => r.rawBody)).size, 1, 'replay sends the stored body byte for byte');
    const after = await listedCallback(server, id);
    assert.equal(after.status, 'delivered');
    assert.deepEqual(
      after.attempts.map((a) => a.httpStatus),
      [500, 500, 500, 200],
    );
    assert.ok(after.dateDelivered !== null);
    assert.deepEqual(await listCallbacks(server, '--status', 'failed'), []);
    assert.equal(await windowed.runOnce(), 0);
  });

  test('CALLBACK_RETRY_WINDOW_MS=0: the first failed attempt is final', async () => {
    const s = await scenario();
    s.receiver.answerAlways(answer.status(503));
    const worker = new CallbackWorker(server.runtime.database, server.clock, loadConfig({ DATABASE_URL: server.database.url, CALLBACK_RETRY_WINDOW_MS: '0' }), silent);
    const id = await payInCallback(s);
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await outboxStatus(server, id), 'failed');
    const listed = await listedCallback(server, id);
    assert.deepEqual(
      listed.attempts.map((a) => a.httpStatus),
      [503],
    );
    assert.equal(listed.lastError, 'HTTP 503');
    assert.deepEqual(
      (await listCallbacks(server, '--status', 'failed')).map((c) => c.id),
      [id],
    );
    server.clock.advance(60_000);
    assert.equal(await worker.runOnce(), 0);
    assert.equal(s.receiver.requests.length, 1);
  });

  test('replay of an unknown id or without --id is a clear CLI error', async () => {
    const unknown = await server.cli(['callbacks', 'replay', '--id', '00000000-0000-4000-8000-000000000000']);
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, /no callback/);
    const missing = await server.cli(['callbacks', 'replay']);
    assert.equal(missing.exitCode, 2);
    assert.match(missing.stderr, /--id is required/);
  });
});
