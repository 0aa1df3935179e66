// Managees, KYC lifecycle end to end with a real callback receiver: created → identity check
// (MANAGEE_JUMIO_COMPLETED) → Accepted (MANAGEE_KYC_UPDATED, one account per asset the manager
// holds, money allowed) or Rejected (final, money still blocked); every step out of order is 400
// Verification_State_Invalid and sends nothing.
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber } from '../src/shared/exact-json.js';
import { ADDRESSES, assertError, assertOk, balancesOf, cryptoDeposit, PATHS, payIn, withdraw, type Api } from './helpers/accounts-helpers.js';
import type { CallbackReceiver, ReceivedRequest } from './helpers/callbacks-receiver.js';
import { assertWireFormat, driveUntil, requestsOfType, type ParsedCallback } from './helpers/callbacks-helpers.js';
import { completeJumio, createManagee, decideKyc, kycStatusOf, MANAGEE_PATHS, manageeBody, manageeRowCounts } from './helpers/managees-helpers.js';
import type { TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;

/** Callback timestamps: no offset or +00:00 (spec §5). */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?(\+00:00)?$/;
const JUMIO_KEYS = ['DateJumioCompleted', 'ManageeCustomerUsersId', 'ManageesId'];
const KYC_KEYS = ['AcceptDate', 'ManageesId', 'RejectDate', 'RejectReason', 'VerificationStatus'];

const sorted = (keys: readonly string[]) => [...keys].sort();

function num(value: unknown): string {
  assert.ok(value instanceof JsonNumber, `expected a JSON number, got ${JSON.stringify(value)}`);
  return value.text;
}

describe('managees: KYC lifecycle with callbacks', () => {
  let server: TestServer;
  let receiver: CallbackReceiver;
  let alice: Api;
  let secret: string;

  /** Runs `action`, then drives the worker until `count` callbacks arrived; checks nothing else is due. */
  async function deliveries(count: number, action: () => Promise<void>): Promise<{ requests: ReceivedRequest[]; bodies: ParsedCallback[] }> {
    const from = receiver.requests.length;
    await action();
    await driveUntil(server.callbacks, () => receiver.requests.length >= from + count);
    assert.equal(await server.callbacks.runOnce(), 0, 'nothing more due');
    const requests = receiver.requests.slice(from);
    assert.equal(requests.length, count, requests.map((r) => r.rawBody).join('\n'));
    return { requests, bodies: requests.map((r) => assertWireFormat(r, secret, server.clock.nowMs())) };
  }

  /** Runs `action` (a refused step): no row anywhere changes and no callback leaves. */
  async function refusedQuietly(action: () => Promise<void>): Promise<void> {
    const rows = await manageeRowCounts(server);
    const from = receiver.requests.length;
    await action();
    assert.deepEqual(await manageeRowCounts(server), rows);
    assert.equal(await server.callbacks.runOnce(), 0, 'no callback for a refused step');
    assert.equal(receiver.requests.length, from);
  }

  async function listed(api: Api, manageesId: number): Promise<Item> {
    const items = assertOk(await api.get(`${MANAGEE_PATHS.list}?PageSize=100`)).details as Item[];
    const found = items.find((m) => m.id === manageesId);
    assert.ok(found !== undefined, `managee ${manageesId} not listed`);
    return found;
  }

  async function accountsOf(api: Api, customersId: number): Promise<Item[]> {
    return assertOk(await api.get(`${PATHS.listAccounts}?CustomersId=${customersId}&PageSize=100`)).details as Item[];
  }

  before(async () => {
    // The manager holds USD (two accounts) and BTC: the managee gets one account per asset.
    const world = await createWorld({
      callbackPath: '/alice',
      accounts: { usd: { asset: 'USD', payIn: '50.00' }, secondUsd: { asset: 'USD', name: 'second USD' }, btc: { asset: 'BTC', cryptoDeposit: '0.5' } },
    });
    ({ server, receiver, callbackSecret: secret, api: alice } = world);
    await driveUntil(server.callbacks, async () => (await server.callbacks.runOnce()) === 0);
    receiver.requests.length = 0;
  });
  after(async () => {
    await server?.close();
    await receiver?.close();
  });

  describe('accepted', () => {
    let manageesId: number;

    test('created: Pending, no identity check yet, no accounts, no callback', async () => {
      const created = await createManagee(alice);
      manageesId = created.manageesId;
      assert.equal(await kycStatusOf(server, manageesId), 'Pending');
      const item = await listed(alice, manageesId);
      assert.equal(item.verificationStatus, 'Pending');
      assert.equal(item.bJumioCompleted, false);
      assert.deepEqual(await accountsOf(alice, manageesId), []);
      assert.equal(await server.callbacks.runOnce(), 0);
      assert.equal(receiver.requests.length, 0);
    });

    test('before acceptance, an account for the managee is refused: Documents_Not_Verified', async () => {
      await refusedQuietly(async () => {
        for (const asset of ['USD', 'BTC', 'EUR']) {
          assertError(await alice.post(PATHS.create, { CustomersId: manageesId, Name: `${asset} for managee`, Asset: asset }), 400, 'CustomersId:Documents_Not_Verified');
        }
      });
      assert.deepEqual(await accountsOf(alice, manageesId), []);
    });

    test('a KYC decision before the identity check: 400 Verification_State_Invalid', async () => {
      await refusedQuietly(async () => {
        for (const status of ['Accepted', 'Rejected']) {
          assertError(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: manageesId, VerificationStatus: status }), 400, 'ManageesId:Verification_State_Invalid');
        }
      });
      assert.equal(await kycStatusOf(server, manageesId), 'Pending');
    });

    test('identity check completed: MANAGEE_JUMIO_COMPLETED with exact fields and a valid signature', async () => {
      let result: { manageesId: number; dateJumioCompleted: string } | undefined;
      const { requests, bodies } = await deliveries(1, async () => {
        const body = assertOk(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: manageesId }));
        assert.equal(body.id, manageesId);
        result = body.details as { manageesId: number; dateJumioCompleted: string };
      });
      assert.ok(result !== undefined);
      assert.equal(result.manageesId, manageesId);
      const request = requests[0] as ReceivedRequest;
      const callback = bodies[0] as ParsedCallback;
      assert.equal(request.path, '/alice', "sent to the manager's URL");
      assert.equal(callback.Type, 'MANAGEE_JUMIO_COMPLETED');
      assert.deepEqual(sorted(Object.keys(callback.Data)), JUMIO_KEYS);
      assert.equal(num(callback.Data.ManageesId), String(manageesId));
      assert.equal(num(callback.Data.ManageeCustomerUsersId), String(manageesId));
      assert.equal(callback.Data.DateJumioCompleted, result.dateJumioCompleted);
      assert.match(String(callback.Data.DateJumioCompleted), TIMESTAMP);
      assert.ok(Math.abs(Date.parse(String(callback.Data.DateJumioCompleted)) - server.clock.nowMs()) < 60_000);
      // The signature, recomputed here: base64(sha256(raw body + hash secret)).
      const expected = createHash('sha256')
        .update(request.rawBody + secret, 'utf8')
        .digest('base64');
      assert.equal(request.headers['webhook-signature'], expected);
      const item = await listed(alice, manageesId);
      assert.equal(item.verificationStatus, 'Pending');
      assert.equal(item.bJumioCompleted, true);
    });

    test('identity check completed again: 400 Verification_State_Invalid, no second callback', async () => {
      await refusedQuietly(async () => {
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: manageesId }), 400, 'ManageesId:Verification_State_Invalid');
      });
      // Still not accepted: accounts still refused.
      assertError(await alice.post(PATHS.create, { CustomersId: manageesId, Name: 'USD', Asset: 'USD' }), 400, 'CustomersId:Documents_Not_Verified');
    });

    test('accepted: MANAGEE_KYC_UPDATED with AcceptDate set and RejectDate null', async () => {
      let accountsIds: number[] = [];
      const { bodies } = await deliveries(1, async () => {
        accountsIds = (await decideKyc(alice, manageesId, 'Accepted')).accountsIds;
      });
      assert.equal(accountsIds.length, 2);
      const callback = bodies[0] as ParsedCallback;
      assert.equal(callback.Type, 'MANAGEE_KYC_UPDATED');
      assert.deepEqual(sorted(Object.keys(callback.Data)), KYC_KEYS);
      assert.equal(num(callback.Data.ManageesId), String(manageesId));
      assert.equal(callback.Data.VerificationStatus, 'Accepted');
      assert.match(String(callback.Data.AcceptDate), TIMESTAMP);
      assert.ok(Math.abs(Date.parse(String(callback.Data.AcceptDate)) - server.clock.nowMs()) < 60_000);
      assert.equal(callback.Data.RejectDate, null);
      assert.equal(callback.Data.RejectReason, null);
      assert.equal(await kycStatusOf(server, manageesId), 'Accepted');
      assert.equal((await listed(alice, manageesId)).verificationStatus, 'Accepted');
    });

    test('the managee now holds one account per asset the manager holds (USD, BTC), seen through list-accounts', async () => {
      const accounts = await accountsOf(alice, manageesId);
      assert.deepEqual(accounts.map((a) => a.asset).sort(), ['BTC', 'USD']);
      for (const account of accounts) {
        assert.equal(account.customersId, manageesId);
        assert.equal(account.bSuppressed, false);
        assert.equal(Number(account.totalBalance), 0);
      }
      const usdOnly = assertOk(await alice.get(`${PATHS.listAccounts}?CustomersId=${manageesId}&Asset=USD`)).details as Item[];
      assert.equal(usdOnly.length, 1);
      // The manager's balances list shows only the manager's own accounts.
      const balances = assertOk(await alice.get(PATHS.balances)).details as Item[];
      for (const account of accounts) assert.ok(!balances.some((b) => b.id === account.id), 'managee accounts are not in the manager balances');
    });

    test("money now moves: a pay-in to the managee's USD account, a new account, a crypto withdrawal", async () => {
      const accounts = await accountsOf(alice, manageesId);
      const usd = accounts.find((a) => a.asset === 'USD')?.id as number;
      const btc = accounts.find((a) => a.asset === 'BTC')?.id as number;
      const { bodies } = await deliveries(1, async () => {
        await payIn(alice, usd, '25.50');
      });
      assert.equal(bodies[0]?.Type, 'FIAT_DEPOSIT_RECEIVED');
      assert.equal(num(bodies[0]?.Data.AccountsId), String(usd));
      assert.deepEqual(await balancesOf(alice, usd), { total: '25.50', available: '25.50', pending: '0.00' });

      const created = assertOk(await alice.post(PATHS.create, { CustomersId: manageesId, Name: 'Managee EUR', Asset: 'EUR' })).details as Item;
      assert.equal(created.customersId, manageesId);
      assert.equal((await accountsOf(alice, manageesId)).length, 3);

      await deliveries(2, async () => {
        await cryptoDeposit(alice, btc, '0.01');
      });
      await deliveries(1, async () => {
        assert.equal((await withdraw(alice, btc, '0.004', ADDRESSES.btcTestnet)).statusCode, 200);
      });
      assert.equal((await balancesOf(alice, btc)).available, '0.00600000');
    });

    test('a second decision on an accepted managee: 400, nothing changes, no callback', async () => {
      await refusedQuietly(async () => {
        for (const status of ['Accepted', 'Rejected']) {
          assertError(
            await alice.post(MANAGEE_PATHS.kyc, { ManageesId: manageesId, VerificationStatus: status, RejectReason: 'late' }),
            400,
            'ManageesId:Verification_State_Invalid',
          );
        }
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: manageesId }), 400, 'ManageesId:Verification_State_Invalid');
      });
      assert.equal(await kycStatusOf(server, manageesId), 'Accepted');
    });
  });

  describe('rejected', () => {
    let manageesId: number;

    test('rejected with a reason: MANAGEE_KYC_UPDATED carries it, RejectDate set, AcceptDate null', async () => {
      manageesId = (await createManagee(alice)).manageesId;
      await deliveries(1, () => completeJumio(alice, manageesId));
      const { bodies } = await deliveries(1, async () => {
        const body = assertOk(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: manageesId, verificationstatus: 'rejected', RejectReason: 'Document expired' }));
        assert.deepEqual((body.details as Item).accountsIds, [], 'no accounts for a rejected managee');
        assert.equal((body.details as Item).verificationStatus, 'Rejected');
      });
      const callback = bodies[0] as ParsedCallback;
      assert.equal(callback.Type, 'MANAGEE_KYC_UPDATED');
      assert.deepEqual(sorted(Object.keys(callback.Data)), KYC_KEYS);
      assert.equal(num(callback.Data.ManageesId), String(manageesId));
      assert.equal(callback.Data.VerificationStatus, 'Rejected');
      assert.equal(callback.Data.AcceptDate, null);
      assert.match(String(callback.Data.RejectDate), TIMESTAMP);
      assert.equal(callback.Data.RejectReason, 'Document expired');
      assert.equal((await listed(alice, manageesId)).verificationStatus, 'Rejected');
      assert.deepEqual(await accountsOf(alice, manageesId), []);
    });

    test('rejection is final: any further decision or identity check is 400 and sends nothing', async () => {
      await refusedQuietly(async () => {
        for (const status of ['Accepted', 'Rejected']) {
          assertError(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: manageesId, VerificationStatus: status }), 400, 'ManageesId:Verification_State_Invalid');
        }
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: manageesId }), 400, 'ManageesId:Verification_State_Invalid');
      });
      assert.equal(await kycStatusOf(server, manageesId), 'Rejected');
    });

    test('money stays blocked: no account can be opened for a rejected managee', async () => {
      await refusedQuietly(async () => {
        for (const asset of ['USD', 'BTC']) {
          assertError(await alice.post(PATHS.create, { CustomersId: manageesId, Name: asset, Asset: asset }), 400, 'CustomersId:Documents_Not_Verified');
        }
      });
      assert.deepEqual(await accountsOf(alice, manageesId), []);
    });

    test('rejected without a reason: RejectReason null', async () => {
      const id = (await createManagee(alice, manageeBody())).manageesId;
      await deliveries(1, () => completeJumio(alice, id));
      const { bodies } = await deliveries(1, async () => {
        await decideKyc(alice, id, 'Rejected');
      });
      assert.equal(bodies[0]?.Data.VerificationStatus, 'Rejected');
      assert.equal(bodies[0]?.Data.RejectReason, null);
      assert.equal(bodies[0]?.Data.AcceptDate, null);
    });

    test('every managee callback went to the manager, in order, one of each per step', () => {
      const jumio = requestsOfType(receiver.requests, 'MANAGEE_JUMIO_COMPLETED');
      const kyc = requestsOfType(receiver.requests, 'MANAGEE_KYC_UPDATED');
      assert.equal(jumio.length, 3);
      assert.equal(kyc.length, 3);
      for (const request of [...jumio, ...kyc]) assert.equal(request.path, '/alice');
    });
  });

  describe('simulation input', () => {
    test('unknown or missing ManageesId, unknown VerificationStatus, long RejectReason: field errors, nothing written', async () => {
      await refusedQuietly(async () => {
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, {}), 400, 'ManageesId:Required');
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: 0 }), 400, 'ManageesId:Required');
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: 'abc' }), 400, 'ManageesId:Invalid');
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: 999_999 }), 404, 'ManageesId:Not_Found');
        // The manager's own customer id is not a managee.
        assertError(await alice.post(MANAGEE_PATHS.jumioCompleted, { ManageesId: alice.principal.customersId }), 404, 'ManageesId:Not_Found');
        assertError(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: 999_999, VerificationStatus: 'Accepted' }), 404, 'ManageesId:Not_Found');
        assertError(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: 999_999 }), 400, 'VerificationStatus:Required');
        assertError(await alice.post(MANAGEE_PATHS.kyc, { ManageesId: 999_999, VerificationStatus: 'Pending' }), 400, 'VerificationStatus:Invalid');
        assertError(
          await alice.post(MANAGEE_PATHS.kyc, { ManageesId: 999_999, VerificationStatus: 'Rejected', RejectReason: 'x'.repeat(501) }),
          400,
          'RejectReason:Invalid_Length',
        );
      });
    });

    test('ManageesId as a numeric string works (as real clients send ids)', async () => {
      const id = (await createManagee(alice)).manageesId;
      await deliveries(1, async () => {
        assertOk(await alice.post(MANAGEE_PATHS.jumioCompleted, { manageesId: String(id) }));
      });
    });
  });
});
