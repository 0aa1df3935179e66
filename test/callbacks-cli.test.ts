// Callbacks, command line: `principals set-callback` (output shape, secret shown once, rotation,
// every bad URL refused with nothing stored, production's https-only and no-private-address rules)
// and `callbacks list` argument errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isoTimestamp } from '../src/shared/clock.js';
import { checkCallbackUrl } from '../src/callbacks/index.js';
import { enqueueCallback } from '../src/callbacks/outbox-repository.js';
import { inTransaction } from '../src/db/transaction.js';
import { assertOk, createAccount, newApi, PATHS } from './helpers/accounts-helpers.js';
import { CallbackReceiver } from './helpers/callbacks-receiver.js';
import { assertWireFormat, driveUntil, listCallbacks, listedCallback, setCallback } from './helpers/callbacks-helpers.js';
import { startTestServer, type TestPrincipal, type TestServer } from './helpers/test-server.js';

const SECRET = /^[A-Za-z0-9_-]{43}$/;

async function callbackColumns(server: TestServer, principal: TestPrincipal) {
  return server.runtime.database.db
    .selectFrom('principals')
    .select(['callback_url', 'callback_hash_secret'])
    .where('customers_id', '=', principal.customersId)
    .executeTakeFirstOrThrow();
}

/** Every principal's callback columns, to show a refused command stored nothing anywhere. */
async function allCallbackColumns(server: TestServer) {
  return server.runtime.database.db.selectFrom('principals').select(['customers_id', 'callback_url', 'callback_hash_secret']).orderBy('customers_id').execute();
}

async function assertRefused(server: TestServer, principal: TestPrincipal, url: string, reason: RegExp, ...extra: string[]): Promise<void> {
  const before = await allCallbackColumns(server);
  const result = await server.cli(['principals', 'set-callback', '--username', principal.username, '--url', url, ...extra]);
  assert.equal(result.exitCode, 1, `${url}: ${result.stdout}${result.stderr}`);
  assert.match(result.stderr, /^invalid callback URL: /, url);
  assert.match(result.stderr, reason, url);
  assert.equal(result.stdout, '', `${url}: nothing printed (no secret)`);
  assert.deepEqual(await allCallbackColumns(server), before, `${url}: nothing stored`);
}

describe('callbacks: command line', () => {
  let sandbox: TestServer;
  let production: TestServer;

  before(async () => {
    [sandbox, production] = await Promise.all([startTestServer(), startTestServer({ MODE: 'production' })]);
  });
  after(async () => {
    await sandbox?.close();
    await production?.close();
  });

  describe('principals set-callback', () => {
    test('--json prints {"callbackUrl","hashSecret"} once; the username is case-insensitive; the row is stored', async () => {
      const principal = await sandbox.createPrincipal();
      const result = await sandbox.cli(['principals', 'set-callback', '--username', principal.username.toUpperCase(), '--url', 'http://localhost:1234/x', '--json']);
      assert.equal(result.exitCode, 0, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(result.stdout, /^\{.*\}\n$/);
      const printed = JSON.parse(result.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(printed), ['callbackUrl', 'hashSecret']);
      assert.equal(printed.callbackUrl, 'http://localhost:1234/x');
      assert.match(String(printed.hashSecret), SECRET);
      assert.deepEqual(await callbackColumns(sandbox, principal), { callback_url: 'http://localhost:1234/x', callback_hash_secret: printed.hashSecret });
    });

    test('without --json: the URL and the secret, marked as shown once', async () => {
      const principal = await sandbox.createPrincipal();
      const result = await sandbox.cli(['principals', 'set-callback', '--username', principal.username, '--url', 'http://127.0.0.1:8080/hooks/ibanera?tenant=7']);
      assert.equal(result.exitCode, 0, result.stderr);
      const secret = (await callbackColumns(sandbox, principal)).callback_hash_secret;
      assert.match(String(secret), SECRET);
      assert.match(result.stdout, /^callbackUrl: http:\/\/127\.0\.0\.1:8080\/hooks\/ibanera\?tenant=7\n/);
      assert.ok(result.stdout.includes(`hashSecret:  ${secret}\n`), result.stdout);
      assert.match(result.stdout, /shown once/);
    });

    test('a new URL keeps the secret (hashSecret null) unless --rotate-secret, which prints a new one', async () => {
      const principal = await sandbox.createPrincipal();
      const first = await setCallback(sandbox, principal.username, 'http://localhost:1111/a');
      assert.match(String(first.hashSecret), SECRET);

      const moved = await setCallback(sandbox, principal.username, 'http://localhost:2222/b');
      assert.deepEqual(moved, { callbackUrl: 'http://localhost:2222/b', hashSecret: null });
      assert.deepEqual(await callbackColumns(sandbox, principal), { callback_url: 'http://localhost:2222/b', callback_hash_secret: first.hashSecret });
      const text = await sandbox.cli(['principals', 'set-callback', '--username', principal.username, '--url', 'http://localhost:2222/b']);
      assert.equal(text.exitCode, 0, text.stderr);
      assert.match(text.stdout, /hashSecret:\s+unchanged/);
      assert.ok(!text.stdout.includes(String(first.hashSecret)), 'the old secret is never printed again');

      const rotated = await setCallback(sandbox, principal.username, 'http://localhost:2222/b', '--rotate-secret');
      assert.match(String(rotated.hashSecret), SECRET);
      assert.notEqual(rotated.hashSecret, first.hashSecret);
      assert.deepEqual(await callbackColumns(sandbox, principal), { callback_url: 'http://localhost:2222/b', callback_hash_secret: rotated.hashSecret });
    });

    test('after a rotation, callbacks are signed with the new secret', async () => {
      const receiver = await CallbackReceiver.start();
      try {
        const api = await newApi(sandbox);
        const old = await setCallback(sandbox, api.principal.username, receiver.url());
        const usd = await createAccount(api, 'USD');
        assertOk(await api.postRaw(PATHS.payIns, `{"DestinationAccountId":${usd},"TransferType":"ACH","Amount":2}`));
        const rotated = await setCallback(sandbox, api.principal.username, receiver.url(), '--rotate-secret');
        await driveUntil(sandbox.callbacks, () => receiver.requests.length >= 1);
        const [request] = receiver.requests;
        assert.ok(request !== undefined && rotated.hashSecret !== null && old.hashSecret !== null);
        assertWireFormat(request, rotated.hashSecret);
        assert.throws(() => assertWireFormat(request, old.hashSecret as string), /webhook-signature/);
      } finally {
        await receiver.close();
      }
    });

    test('invalid URLs are refused with a clear error (exit 1) and nothing is stored, not even a rotated secret', async () => {
      const fresh = await sandbox.createPrincipal();
      const configured = await sandbox.createPrincipal();
      await setCallback(sandbox, configured.username, 'http://localhost:3333/keep');
      await assertRefused(sandbox, fresh, 'not a url', /not an absolute URL/);
      await assertRefused(sandbox, fresh, '/relative/path', /not an absolute URL/);
      await assertRefused(sandbox, fresh, 'ftp://x', /http or https/);
      await assertRefused(sandbox, fresh, 'file:///etc/passwd', /http or https/);
      await assertRefused(sandbox, fresh, 'javascript:alert(1)', /http or https/);
      await assertRefused(sandbox, fresh, 'http://user:pass@localhost:1234/x', /credentials/);
      await assertRefused(sandbox, fresh, `http://localhost/${'a'.repeat(2100)}`, /longer than 2048/);
      // A principal that already has a callback keeps its URL and secret, even with --rotate-secret.
      await assertRefused(sandbox, configured, 'not a url', /not an absolute URL/, '--rotate-secret');
      await assertRefused(sandbox, configured, 'ftp://x', /http or https/, '--rotate-secret');
      await assertRefused(sandbox, configured, 'https://token@localhost/x', /credentials/, '--rotate-secret');
      assert.deepEqual(await callbackColumns(sandbox, fresh), { callback_url: null, callback_hash_secret: null });
      assert.equal((await callbackColumns(sandbox, configured)).callback_url, 'http://localhost:3333/keep');
    });

    test('missing or empty flags and unknown principals: usage errors, nothing stored', async () => {
      const before = await allCallbackColumns(sandbox);
      const principal = await sandbox.createPrincipal();
      const cases: [string[], number, RegExp][] = [
        [['principals', 'set-callback', '--username', principal.username], 2, /--url is required/],
        [['principals', 'set-callback', '--username', principal.username, '--url', ''], 2, /--url is required/],
        [['principals', 'set-callback', '--url', 'http://localhost:1/x'], 2, /--username is required/],
        [['principals', 'set-callback', '--username', 'nobody-here', '--url', 'http://localhost:1/x'], 1, /no principal named nobody-here/],
        [['principals', 'set-callback', '--username', principal.username, '--url', 'http://localhost:1/x', '--bogus'], 2, /Unknown option/],
      ];
      for (const [args, code, message] of cases) {
        const result = await sandbox.cli(args);
        assert.equal(result.exitCode, code, `${args.join(' ')}: ${result.stderr}`);
        assert.match(result.stderr, message);
        assert.equal(result.stdout, '');
      }
      const afterRows = (await allCallbackColumns(sandbox)).filter((r) => r.customers_id !== principal.customersId);
      assert.deepEqual(afterRows, before);
      assert.deepEqual(await callbackColumns(sandbox, principal), { callback_url: null, callback_hash_secret: null });
    });

    test('sandbox allows plain http to localhost and loopback addresses', async () => {
      const principal = await sandbox.createPrincipal();
      for (const url of ['http://localhost:1234/x', 'http://127.0.0.1:9/hook', 'http://[::1]:8080/', 'https://localhost/x']) {
        assert.equal((await setCallback(sandbox, principal.username, url)).callbackUrl, url);
        assert.equal((await callbackColumns(sandbox, principal)).callback_url, url);
      }
    });

    test('production: plain http is refused (https only), even for a public address', async () => {
      const principal = await production.createPrincipal();
      await assertRefused(production, principal, 'http://example.com', /must be https in production/);
      await assertRefused(production, principal, 'http://example.com/x', /must be https in production/);
      await assertRefused(production, principal, 'http://localhost:1234/x', /must be https in production/);
      await assertRefused(production, principal, 'http://[2606:4700:4700::1111]/x', /must be https in production/);
    });

    test('production: https URLs at loopback, private, link-local or otherwise internal addresses are refused', async () => {
      const principal = await production.createPrincipal();
      const internal = [
        'https://127.0.0.1/x',
        'https://10.0.0.1/x',
        'https://169.254.169.254/x',
        'https://[::1]/x',
        'https://localhost/x',
        'https://192.168.1.10/x',
        'https://[fe80::1]/x',
        'https://[::127.0.0.1]/x',
        'https://[64:ff9b::a9fe:a9fe]/x',
        'https://[2002:7f00:1::]/x',
      ];
      for (const url of internal) await assertRefused(production, principal, url, /loopback, private or link-local|does not resolve/);
      assert.deepEqual(await callbackColumns(production, principal), { callback_url: null, callback_hash_secret: null });
    });

    test('production URL rules, checked directly: every internal range and alternative spelling is refused', async () => {
      const internal = [
        'https://LOCALHOST:8443/x',
        'https://172.16.5.4/x',
        'https://172.31.255.255/x',
        'https://100.64.0.1/x',
        'https://0.0.0.0/x',
        'https://224.0.0.1/x',
        'https://255.255.255.255/x',
        'https://[::]/x',
        'https://[fc00::1]/x',
        'https://[fd12:3456::1]/x',
        'https://[ff02::1]/x',
        'https://[::ffff:127.0.0.1]/x',
        'https://[::ffff:10.0.0.1]/x',
        // IPv6 addresses that carry a refused IPv4 address: IPv4-compatible (::/96), IPv4-translated
        // (::ffff:0:0:0/96), NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48 at each RFC 6052
        // prefix length), 6to4 (2002::/16).
        'https://[::127.0.0.1]/x',
        'https://[::a9fe:a9fe]/x',
        'https://[::ffff:0:7f00:1]/x',
        'https://[::ffff:0:10.0.0.1]/x',
        'https://[64:ff9b::a9fe:a9fe]/x',
        'https://[64:ff9b::127.0.0.1]/x',
        'https://[64:ff9b:1::a00:1]/x',
        'https://[64:ff9b:1:7f00:0:100::]/x',
        'https://[64:ff9b:1:7f:0:1::]/x',
        'https://[64:ff9b:1:0:7f:0:100:0]/x',
        'https://[2002:7f00:1::]/x',
        'https://[2002:c0a8:10a:1::1]/x',
        // Other spellings of 127.0.0.1 that URL parsing normalizes.
        'https://2130706433/x',
        'https://0x7f.1/x',
        'https://127.1/x',
        'https://0177.0.0.1/x',
      ];
      for (const url of internal) {
        const check = await checkCallbackUrl(url, 'production');
        assert.equal(check.ok, false, url);
      }
      assert.deepEqual(await checkCallbackUrl('http://[2606:4700:4700::1111]/x', 'production'), { ok: false, reason: 'must be https in production' });
      assert.equal((await checkCallbackUrl('https://[2606:4700:4700::1111]/x', 'production')).ok, true);
    });

    test('production: an https URL at a public IPv6 address is accepted', async () => {
      const principal = await production.createPrincipal();
      const printed = await setCallback(production, principal.username, 'https://[2606:4700:4700::1111]/hooks');
      assert.equal(printed.callbackUrl, 'https://[2606:4700:4700::1111]/hooks');
      assert.match(String(printed.hashSecret), SECRET);
    });

    test('production: an https URL at a public IPv4 address is accepted (IPv4 is not blocked wholesale)', async () => {
      const principal = await production.createPrincipal();
      for (const url of ['https://93.184.216.34/hooks', 'https://8.8.8.8:8443/x']) {
        const result = await production.cli(['principals', 'set-callback', '--username', principal.username, '--url', url, '--json']);
        assert.equal(result.exitCode, 0, `${url}: ${result.stderr}`);
        assert.equal((await callbackColumns(production, principal)).callback_url, url);
      }
      assert.equal((await checkCallbackUrl('https://[::ffff:8.8.8.8]/x', 'production')).ok, true, 'an IPv4-mapped public address');
      // The same embeddings of a public IPv4 address are judged by it, not refused wholesale (DNS64 answers 64:ff9b:: addresses for public hosts).
      for (const url of ['https://[64:ff9b::808:808]/x', 'https://[::ffff:0:8.8.8.8]/x', 'https://[2002:808:808::1]/x', 'https://[64:ff9b:1::5db8:d822]/x']) {
        assert.equal((await checkCallbackUrl(url, 'production')).ok, true, url);
      }
    });

    test('production: the worker checks the URL again at delivery time (a stored http or internal URL is refused, the receiver gets nothing)', async () => {
      const receiver = await CallbackReceiver.start();
      try {
        const stored: [string, RegExp][] = [
          [receiver.url(), /callback URL refused: must be https in production/],
          // 127.0.0.1 behind the NAT64 prefix: the address delivery would be pinned to.
          [`https://[64:ff9b::7f00:1]:${receiver.port}/hook`, /callback URL refused: must not point at a loopback, private or link-local address/],
        ];
        for (const [url, refused] of stored) {
          const principal = await production.createPrincipal();
          // Written behind the CLI's back (e.g. set while the server ran in sandbox mode).
          await production.runtime.database.db
            .updateTable('principals')
            .set({ callback_url: url, callback_hash_secret: 'x'.repeat(43) })
            .where('customers_id', '=', principal.customersId)
            .execute();
          const now = isoTimestamp(production.clock.nowMs());
          const id = await inTransaction(production.runtime.database, (tx) =>
            enqueueCallback(tx, { customersId: principal.customersId, type: 'FIAT_DEPOSIT_RECEIVED', data: { AccountsId: 1 }, dateCreated: now }),
          );
          assert.ok(id !== null);
          assert.equal(await production.callbacks.runOnce(), 1);
          const listed = await listedCallback(production, id);
          assert.equal(listed.status, 'pending');
          assert.equal(listed.attempts[0]?.httpStatus, null);
          assert.match(String(listed.attempts[0]?.error), refused, url);
        }
        assert.equal(receiver.started, 0);
      } finally {
        await receiver.close();
      }
    });
  });

  describe('callbacks list', () => {
    test('argument errors exit 2 with the usage; an empty outbox lists as [] (and as "none" in text)', async () => {
      const empty = await startTestServer();
      try {
        assert.deepEqual(await listCallbacks(empty), []);
        assert.deepEqual(await listCallbacks(empty, '--status', 'failed'), []);
        const cases: [string[], RegExp][] = [
          [['callbacks', 'list', '--status', 'bogus'], /--status must be one of pending, delivered, failed/],
          [['callbacks', 'list', '--limit', '0'], /--limit must be/],
          [['callbacks', 'list', '--limit', 'ten'], /--limit must be/],
          [['callbacks', 'list', '--limit', '100001'], /--limit must be/],
          [['callbacks', 'list', '--frobnicate'], /Unknown option/],
          [['callbacks'], /ibanera-server callbacks <command>/],
          [['callbacks', 'resend'], /ibanera-server callbacks <command>/],
        ];
        for (const [args, message] of cases) {
          const result = await empty.cli(args);
          assert.equal(result.exitCode, 2, `${args.join(' ')}: ${result.stderr}`);
          assert.match(result.stderr, message);
        }
        const text = await empty.cli(['callbacks', 'list']);
        assert.equal(text.exitCode, 0, text.stderr);
        assert.equal(text.stdout, 'none\n');
      } finally {
        await empty.close();
      }
    });
  });
});
