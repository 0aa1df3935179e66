// ACH pull: POST /api/v1/customer/payees/achpull draws from a linked bank payee (an ACH payee saved
// with bVerified: true in sandbox) into the customer's USD account: a pending inbound ACH deposit,
// settled by the complete simulation (or failed: the hold is voided), and once completed returned
// through the existing reversal. Refused: an unverified payee, a non-ACH payee, another principal's
// payee or account (404), an account of another customer or asset, bad amounts; production ignores
// bVerified. Nothing is written on a refusal. SQLite or PostgreSQL (TEST_DATABASE_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLedgerSound, assertOk, balancesOf, createAccount, newApi, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { acceptedManagee } from './helpers/managees-helpers.js';
import { refused, SURFACE_PATHS as P } from './helpers/surface-helpers.js';
import { payeeBody, simulateOk, TRANSFER_PATHS } from './helpers/transfers-helpers.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;

describe('ACH pull from a linked bank payee', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let eur: number;
  let bobUsd: number;
  let linked: number;
  let unlinked: number;
  let swift: number;
  let bobLinked: number;

  const savePayee = async (api: Api, body: Item): Promise<Item> => assertOk(await api.post(TRANSFER_PATHS.payeeCreateV3, body)).details as Item;
  const pull = (api: Api, payeesId: number, accountId: number, amount: string) =>
    api.postRaw(P.achPull, `{"PayeesId":${payeesId},"DestinationAccountId":${accountId},"Amount":${amount}}`);

  before(async () => {
    const world = await createWorld({
      env: { ACH_PULL_AMOUNT_MAX_USD: '1000' },
      accounts: { usd: { asset: 'USD' }, eur: { asset: 'EUR' } },
      other: { accounts: { usd: { asset: 'USD' } } },
    });
    ({ server, api: alice } = world);
    ({ usd, eur } = world.accounts);
    ({ api: bob } = world.other);
    bobUsd = world.other.accounts.usd;
    const me = alice.principal.customersId;
    const l = await savePayee(alice, payeeBody(me, 'ACH', { bVerified: true }));
    assert.equal(l.bVerified, true);
    linked = l.id as number;
    const u = await savePayee(alice, payeeBody(me, 'ACH'));
    assert.equal(u.bVerified, false);
    unlinked = u.id as number;
    swift = (await savePayee(alice, payeeBody(me, 'SWIFT', { bVerified: true }))).id as number;
    bobLinked = (await savePayee(bob, payeeBody(bob.principal.customersId, 'ACH', { bVerified: true }))).id as number;
  });
  after(async () => {
    await server?.close();
  });

  test('a pull is a pending inbound ACH deposit; the complete simulation settles it; the reversal can return it', async () => {
    const envelope = assertOk(await pull(alice, linked, usd, '250.10'));
    const d = envelope.details as Item;
    assert.equal(envelope.id, d.transactionsId);
    assert.deepEqual([d.payeesId, d.destinationAccountId, d.transactionStatus, d.amount], [linked, usd, 'Pending', 250.1]);
    assert.deepEqual(await balancesOf(alice, usd), { total: '250.10', available: '0.00', pending: '250.10' }, 'pending inbound: not available yet');
    const detail = await transactionDetail(alice, d.transactionsId as number);
    assert.deepEqual(
      [detail.transactionType, detail.transactionStatus, (detail.achTransferDetails as Item).bAchPull, (detail.achTransferDetails as Item).payeesId],
      ['Deposit', 'Pending', true, linked],
    );
    assert.equal(detail.bEligibleForReversal, false, 'not before it settles');
    await simulateOk(alice, 'complete', d.transactionsId as number);
    assert.deepEqual(await balancesOf(alice, usd), { total: '250.10', available: '250.10', pending: '0.00' });
    assert.equal((await transactionDetail(alice, d.transactionsId as number)).bEligibleForReversal, true);
    const reversed = assertOk(await alice.post(TRANSFER_PATHS.reverse, { TransactionsId: d.transactionsId, ReasonCode: 'CUST' })).details as Item;
    assert.equal(reversed.originalTransactionId, d.transactionsId);
    assert.equal((await balancesOf(alice, usd)).total, '0.00');
    await assertLedgerSound(server);
  });

  test('a pull the bank fails credits nothing', async () => {
    const d = assertOk(await pull(alice, linked, usd, '10')).details as Item;
    await simulateOk(alice, 'fail', d.transactionsId as number);
    assert.deepEqual(await balancesOf(alice, usd), { total: '0.00', available: '0.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test('every bad input is refused and writes nothing', async () => {
    const { manageesId, accountsIds } = await acceptedManagee(alice);
    assert.ok(manageesId > 0 && accountsIds.length > 0);
    const manageeUsd = accountsIds[0] as number;
    const cases: [() => ReturnType<typeof pull>, number, string][] = [
      [() => pull(alice, unlinked, usd, '10'), 400, 'PayeesId:Payee_Not_Verified'],
      [() => pull(alice, swift, usd, '10'), 400, 'PayeesId:Invalid'],
      [() => pull(alice, bobLinked, usd, '10'), 404, 'PayeesId:Not_Found'],
      [() => pull(bob, linked, bobUsd, '10'), 404, 'PayeesId:Not_Found'],
      [() => pull(alice, linked, bobUsd, '10'), 404, 'DestinationAccountId:Not_Found'],
      [() => pull(alice, linked, eur, '10'), 400, 'DestinationAccountId:Invalid'],
      [() => pull(alice, linked, manageeUsd, '10'), 400, 'DestinationAccountId:Invalid'],
      [() => pull(alice, linked, usd, '10.001'), 400, 'Amount:Invalid'],
      [() => pull(alice, linked, usd, '-5'), 400, 'Amount:Invalid'],
      [() => pull(alice, linked, usd, '0'), 400, 'Amount:Required'],
      [() => pull(alice, linked, usd, '1000.01'), 400, 'Amount:Invalid'],
      [() => alice.post(P.achPull, { DestinationAccountId: usd, Amount: 1 }), 400, 'PayeesId:Required'],
    ];
    for (const [send, status, error] of cases) await refused(server, send, status, [error]);
    assertOk(await pull(alice, linked, usd, '1000'));
  });

  test('unlinking a payee (edit bVerified: false) stops pulls', async () => {
    const p = assertOk(await alice.post(TRANSFER_PATHS.payeeCreateV3, payeeBody(alice.principal.customersId, 'ACH', { bVerified: true }))).details as Item;
    const edited = assertOk(await alice.post(TRANSFER_PATHS.payeeEdit, { ...payeeBody(alice.principal.customersId, 'ACH'), PayeesId: p.id, bVerified: false })).details as Item;
    assert.equal(edited.bVerified, false);
    await refused(server, () => pull(alice, p.id as number, usd, '1'), 400, ['PayeesId:Payee_Not_Verified']);
  });
});

describe('ACH pull in production', () => {
  test('a client cannot mark a payee linked: bVerified is ignored, so no pull', async () => {
    const server = await startTestServer({ MODE: 'production' });
    try {
      const api = await newApi(server);
      const usd = await createAccount(api, 'USD');
      const p = assertOk(await api.post(TRANSFER_PATHS.payeeCreateV3, payeeBody(api.principal.customersId, 'ACH', { bVerified: true }))).details as Item;
      assert.equal(p.bVerified, false);
      await refused(server, () => api.postRaw(P.achPull, `{"PayeesId":${String(p.id)},"DestinationAccountId":${usd},"Amount":1}`), 400, ['PayeesId:Payee_Not_Verified']);
    } finally {
      await server.close();
    }
  });
});
