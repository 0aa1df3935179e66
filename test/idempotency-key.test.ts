// Ibanera's `IdempotencyKey` header (and our alias `Idempotency-Key`) on every POST: a real client's
// retried internal transfer moves the money once, also when both copies arrive at once; another
// body is 409 and writes nothing; bad keys are 400 naming the header; keys expire after
// IDEMPOTENCY_KEY_TTL_HOURS; the cleanup (CLI and the server's periodic pass) removes only expired keys.
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../src/cli/run-cli.js';
import { IdempotencyCleanup } from '../src/db/idempotency-cleanup.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { assertError, assertLedgerSound, assertOk, balancesOf, json, newApi, PATHS, REPO_ROOT, type Api } from './helpers/accounts-helpers.js';
import { fundedAccount, snapshot, TRANSFER_PATHS, transferRowCounts, type WriteSnapshot } from './helpers/transfers-helpers.js';
import { BOUNDARY } from './helpers/rfis-helpers.js';

const REPLAYED = 'idempotent-replayed';
const HOUR_MS = 3_600_000;
const LOGIN_PATH = '/api/v1/public/auth/login';

const transferBody = (source: number, destination: number, amount: string) =>
  `{"SourceAccountId":${source},"DestinationAccountId":${destination},"Amount":${amount},"Reference":"invoice 17"}`;

/** An internal transfer as a real Ibanera client sends it: PascalCase, json-patch, the headers given. */
function postTransfer(api: Api, source: number, destination: number, amount: string, headers: Record<string, string>) {
  return api.postRaw(TRANSFER_PATHS.internalFiat, transferBody(source, destination, amount), { 'content-type': 'application/json-patch+json', ...headers });
}

/** The same, with Ibanera's documented header. */
function ibaneraTransfer(api: Api, source: number, destination: number, amount: string, key: string) {
  return postTransfer(api, source, destination, amount, { IdempotencyKey: key });
}

function payInWithKey(api: Api, account: number, amount: string, key: string) {
  return api.postRaw(PATHS.payIns, `{"DestinationAccountId":${account},"TransferType":"ACH","Amount":${amount}}`, { IdempotencyKey: key });
}

async function storedKeys(server: TestServer, customersId: number): Promise<string[]> {
  const rows = await server.runtime.database.db
    .selectFrom('idempotency_keys')
    .select('idempotency_key')
    .where('customers_id', '=', customersId)
    .orderBy('idempotency_key')
    .execute();
  return rows.map((r) => r.idempotency_key);
}

describe('IdempotencyKey: a retried internal transfer moves the money once', () => {
  let server: TestServer;
  let alice: Api;
  let source: number;
  let destination: number;
  const state = (): Promise<WriteSnapshot> => snapshot(server, alice, [source, destination]);

  before(async () => {
    server = await startTestServer();
    alice = await newApi(server);
    source = await fundedAccount(alice, 'USD', '100.00', 'source');
    destination = await fundedAccount(alice, 'USD', '0', 'destination');
  });
  after(async () => {
    await server?.close();
  });

  test('a retry with the same IdempotencyKey answers the same bytes, marked replayed, and moves nothing', async () => {
    const key = randomUUID();
    const first = await ibaneraTransfer(alice, source, destination, '10.50', key);
    assertOk(first);
    assert.equal(first.headers[REPLAYED], undefined);
    const afterFirst = await state();
    const retry = await ibaneraTransfer(alice, source, destination, '10.50', key);
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.headers[REPLAYED], 'true');
    assert.equal(retry.headers['content-type'], first.headers['content-type']);
    assert.equal(retry.body, first.body);
    assert.deepEqual(await state(), afterFirst);
    assert.deepEqual(await balancesOf(alice, source), { total: '89.50', available: '89.50', pending: '0.00' });
    // The alias names the same key.
    const viaAlias = await alice.postRaw(
      TRANSFER_PATHS.internalFiat,
      `{"SourceAccountId":${source},"DestinationAccountId":${destination},"Amount":10.50,"Reference":"invoice 17"}`,
      { 'Idempotency-Key': key },
    );
    assert.equal(viaAlias.headers[REPLAYED], 'true');
    assert.equal(viaAlias.body, first.body);
    assert.deepEqual(await state(), afterFirst);
  });

  test('two copies at once: exactly one transfer, both answers identical', async () => {
    const key = randomUUID();
    const before = await state();
    const [one, two] = await Promise.all([ibaneraTransfer(alice, source, destination, '2.25', key), ibaneraTransfer(alice, source, destination, '2.25', key)]);
    assert.ok(one !== undefined && two !== undefined);
    assert.deepEqual([one.statusCode, two.statusCode], [200, 200], `${one.body} | ${two.body}`);
    assert.equal(one.body, two.body);
    assert.deepEqual([one.headers[REPLAYED], two.headers[REPLAYED]].sort(), ['true', undefined].sort());
    const rows = await transferRowCounts(server);
    assert.equal(rows.transactions, before.rows.transactions + 2, 'one transfer (its debit and its credit)');
    assert.equal(rows.idempotency_keys, before.rows.idempotency_keys + 1);
    assert.deepEqual(await balancesOf(alice, source), { total: '87.25', available: '87.25', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test('the same key with another body: 409 Idempotency_Key_Reused naming the header, nothing written', async () => {
    const key = randomUUID();
    assertOk(await ibaneraTransfer(alice, source, destination, '1.00', key));
    const before = await state();
    assertError(await ibaneraTransfer(alice, source, destination, '1.01', key), 409, 'IdempotencyKey:Idempotency_Key_Reused');
    assertError(
      await alice.post(PATHS.create, { CustomersId: alice.principal.customersId, Name: 'x', Asset: 'USD' }, { IdempotencyKey: key }),
      409,
      'IdempotencyKey:Idempotency_Key_Reused',
    );
    assertError(
      await alice.post(PATHS.create, { CustomersId: alice.principal.customersId, Name: 'x', Asset: 'USD' }, { 'Idempotency-Key': key }),
      409,
      'Idempotency-Key:Idempotency_Key_Reused',
    );
    assert.deepEqual(await state(), before);
  });

  test('an empty or 256-character key is 400 Invalid_Length naming the header sent; 255 characters is fine', async () => {
    const before = await state();
    for (const header of ['IdempotencyKey', 'Idempotency-Key']) {
      for (const key of ['', 'k'.repeat(256)]) {
        assertError(await postTransfer(alice, source, destination, '1.00', { [header]: key }), 400, `${header}:Invalid_Length`);
      }
    }
    assert.deepEqual(await state(), before);
    assertOk(await ibaneraTransfer(alice, source, destination, '1.00', 'k'.repeat(255)));
  });

  test('both headers: equal values are one key; different values are 400 Invalid naming Idempotency-Key', async () => {
    const key = randomUUID();
    const both = await postTransfer(alice, source, destination, '0.10', { IdempotencyKey: key, 'Idempotency-Key': key });
    assertOk(both);
    const before = await state();
    const again = await ibaneraTransfer(alice, source, destination, '0.10', key);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, both.body);
    assertError(await postTransfer(alice, source, destination, '0.10', { IdempotencyKey: randomUUID(), 'Idempotency-Key': randomUUID() }), 400, 'Idempotency-Key:Invalid');
    assertError(await postTransfer(alice, source, destination, '0.10', { IdempotencyKey: key, 'Idempotency-Key': `${key}x` }), 400, 'Idempotency-Key:Invalid');
    assert.deepEqual(await state(), before);
  });

  test('every POST route but login honours the header: a bad key is refused before the body is read', async () => {
    // The Customer API's POSTs (QuickBuy Pro, /quickbuy/v1/…, and the payment page's forms have their own envelope and form tokens).
    const posts = server.app.routeTable.filter((r) => r.method === 'POST' && r.url !== LOGIN_PATH && r.url.startsWith('/api/'));
    assert.ok(posts.length >= 20, `POST routes: ${posts.length}`);
    const before = await state();
    for (const route of posts) {
      // A multipart route (an upload) is sent an empty form; every other route an empty JSON body.
      const multipartRoute = (route.schema.consumes as string[] | undefined)?.includes('multipart/form-data') === true;
      const answer = multipartRoute
        ? await alice.postRaw(route.url, `--${BOUNDARY}--\r\n`, { IdempotencyKey: 'k'.repeat(256), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` })
        : await alice.post(route.url, {}, { IdempotencyKey: 'k'.repeat(256) });
      assertError(answer, 400, 'IdempotencyKey:Invalid_Length');
    }
    assert.deepEqual(await state(), before);
  });
});

describe('IdempotencyKey expiry (IDEMPOTENCY_KEY_TTL_HOURS, 48 by default)', () => {
  let server: TestServer;
  let alice: Api;
  let source: number;
  let destination: number;

  before(async () => {
    server = await startTestServer();
    alice = await newApi(server);
    source = await fundedAccount(alice, 'USD', '100.00', 'source');
    destination = await fundedAccount(alice, 'USD', '0', 'destination');
  });
  after(async () => {
    await server?.close();
  });

  /** Moves the clock and logs in again (the token lives an hour). */
  async function later(ms: number): Promise<void> {
    server.clock.advance(ms);
    await alice.relogin();
  }

  test('within the lifetime the key replays; past it the same request is new and replaces the record', async () => {
    const key = randomUUID();
    const first = await ibaneraTransfer(alice, source, destination, '5.00', key);
    assertOk(first);
    await later(47 * HOUR_MS);
    const replayed = await ibaneraTransfer(alice, source, destination, '5.00', key);
    assert.equal(replayed.headers[REPLAYED], 'true');
    assert.equal(replayed.body, first.body);
    assert.deepEqual(await balancesOf(alice, source), { total: '95.00', available: '95.00', pending: '0.00' });

    await later(HOUR_MS + 60_000);
    const rows = await transferRowCounts(server);
    const fresh = await ibaneraTransfer(alice, source, destination, '5.00', key);
    assertOk(fresh);
    assert.equal(fresh.headers[REPLAYED], undefined);
    assert.notEqual(json(fresh).id, json(first).id, 'a new transfer');
    const after = await transferRowCounts(server);
    assert.equal(after.transactions, rows.transactions + 2);
    assert.equal(after.idempotency_keys, rows.idempotency_keys, 'the expired record was replaced, not added to');
    assert.deepEqual(await balancesOf(alice, source), { total: '90.00', available: '90.00', pending: '0.00' });
    // The replacement is what the key answers now, also with another body refused again.
    const again = await ibaneraTransfer(alice, source, destination, '5.00', key);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, fresh.body);
    assertError(await ibaneraTransfer(alice, source, destination, '6.00', key), 409, 'IdempotencyKey:Idempotency_Key_Reused');
  });

  test('an expired key with another body is a new request, not a conflict', async () => {
    const key = randomUUID();
    assertOk(await ibaneraTransfer(alice, source, destination, '1.00', key));
    await later(48 * HOUR_MS + 60_000);
    const other = await ibaneraTransfer(alice, source, destination, '2.00', key);
    assertOk(other);
    assert.equal(other.headers[REPLAYED], undefined);
    await assertLedgerSound(server);
  });
});

describe('cleanup of expired idempotency keys', () => {
  let server: TestServer;
  let alice: Api;
  let account: number;

  before(async () => {
    server = await startTestServer();
    alice = await newApi(server);
    account = await fundedAccount(alice, 'USD', '0', 'pay-ins');
    // The SDK keyed the set-up's POSTs (it sends an IdempotencyKey on every POST): these tests count their own keys.
    await server.runtime.database.db.deleteFrom('idempotency_keys').execute();
  });
  after(async () => {
    await server?.close();
  });

  async function later(ms: number): Promise<void> {
    server.clock.advance(ms);
    await alice.relogin();
  }

  /** Keys `prefix-1…count`, one pay-in each, added now. */
  async function addKeys(prefix: string, count: number): Promise<void> {
    for (let i = 1; i <= count; i++) assertOk(await payInWithKey(alice, account, '1', `${prefix}-${i}`));
  }

  /** `ibanera-server idempotency cleanup` in process, at the server's (moved) clock. */
  async function cleanupCommand(env: Record<string, string> = {}): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const exitCode = await runCli(['idempotency', 'cleanup'], {
      env: { DATABASE_URL: server.database.url, LOG_LEVEL: 'silent', ...env },
      cwd: REPO_ROOT,
      clock: server.clock,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    return { exitCode, stdout, stderr };
  }

  test('the CLI removes only the expired keys (in batches) and prints how many', async () => {
    await addKeys('old', 3);
    await later(25 * HOUR_MS);
    await addKeys('young', 1);
    await later(24 * HOUR_MS);
    const customersId = alice.principal.customersId;
    assert.deepEqual(await storedKeys(server, customersId), ['old-1', 'old-2', 'old-3', 'young-1']);

    const result = await cleanupCommand({ IDEMPOTENCY_CLEANUP_BATCH_SIZE: '2' });
    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stdout, 'removed 3 expired idempotency keys (older than 48 hours)\n');
    assert.deepEqual(await storedKeys(server, customersId), ['young-1']);
    const nothing = await cleanupCommand();
    assert.equal(nothing.stdout, 'removed 0 expired idempotency keys (older than 48 hours)\n');
    // The kept key still replays; a removed one is a new request.
    assert.equal((await payInWithKey(alice, account, '1', 'young-1')).headers[REPLAYED], 'true');
    assert.equal((await payInWithKey(alice, account, '1', 'old-1')).headers[REPLAYED], undefined);

    const usage = await runCli(['idempotency', 'purge'], {
      env: { DATABASE_URL: server.database.url, LOG_LEVEL: 'silent' },
      cwd: REPO_ROOT,
      stdout: () => undefined,
      stderr: () => undefined,
    });
    assert.equal(usage, 2);
  });

  test("the server's periodic pass removes only the expired keys, and stops on stop()", async () => {
    await addKeys('periodic-old', 5);
    await later(48 * HOUR_MS + 60_000);
    await addKeys('periodic-young', 2);
    const customersId = alice.principal.customersId;
    const errors: unknown[] = [];
    const cleanup = new IdempotencyCleanup(
      server.runtime.database,
      server.clock,
      { idempotencyKeyTtlHours: 48, idempotencyCleanupIntervalMs: 50, idempotencyCleanupBatchSize: 2 },
      { error: (object) => errors.push(object) },
    );
    cleanup.start();
    const deadline = Date.now() + 10_000;
    while ((await storedKeys(server, customersId)).some((k) => k.startsWith('periodic-old')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await cleanup.stop();
    assert.deepEqual(errors, []);
    // Everything older than 48 hours went (the earlier test's young-1 and old-1 included).
    assert.deepEqual(await storedKeys(server, customersId), ['periodic-young-1', 'periodic-young-2']);

    // Stopped: keys that expire now stay until the next pass someone runs.
    await later(48 * HOUR_MS + 60_000);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await storedKeys(server, customersId), ['periodic-young-1', 'periodic-young-2']);
    assert.equal(await cleanup.runOnce(), 2);
    assert.deepEqual(await storedKeys(server, customersId), []);
  });
});
