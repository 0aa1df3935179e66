// Reverse inbound transfer: the GET details (eligibility and reasons) and the POST that sends a
// completed inbound bank deposit back; outbound, internal, rollback and already reversed
// transactions are Transaction_Not_Reversible; an unknown ReasonCode is Invalid; the money must
// still be there; concurrent reversals: exactly one wins; nothing written on each refusal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exactBody, type TestServer } from './helpers/test-server.js';
import {
  assertError,
  assertLedgerSound,
  assertOk,
  balancesOf,
  createAccount,
  cryptoDeposit,
  numText,
  PATHS,
  payIn,
  transactionDetail,
  type Api,
} from './helpers/accounts-helpers.js';
import { achOk, assertRejectedWithoutWrites, fundedAccount, internalOk, simulateOk, TRANSFER_PATHS, transferRowCounts } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const REASON_CODES = ['DUPL', 'FRAD', 'CUST', 'UNKN', 'AM09'];

describe('reverse inbound transfer', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;

  const details = async (api: Api, id: number) =>
    assertOk(await api.get(`${TRANSFER_PATHS.reverse}?TransactionsId=${id}`)).details as {
      transactionsId: number;
      bEligibleForReversal: boolean;
      reasons: { code: string; description: string }[];
    };
  const reverse = (api: Api, id: number, reasonCode: unknown = 'DUPL', notes?: string) =>
    api.post(TRANSFER_PATHS.reverse, { TransactionsId: id, ReasonCode: reasonCode, ...(notes === undefined ? {} : { Notes: notes }) });

  before(async () => {
    ({
      server,
      api: alice,
      other: { api: bob },
    } = await createWorld({ other: {} }));
  });
  after(async () => {
    await server?.close();
  });

  test('a completed ACH deposit: eligible with the reasons; the reversal sends it back and links both ways', async () => {
    const usd = await createAccount(alice, 'USD');
    await payIn(alice, usd, '50');
    const deposit = await payIn(alice, usd, '30.25');
    const d = await details(alice, deposit);
    assert.equal(d.transactionsId, deposit);
    assert.equal(d.bEligibleForReversal, true);
    assert.deepEqual(
      d.reasons.map((r) => r.code),
      REASON_CODES,
    );
    assert.equal((await transactionDetail(alice, deposit)).bEligibleForReversal, true);

    const rows = await transferRowCounts(server);
    const response = await reverse(alice, deposit, 'dupl', 'sent twice');
    const body = assertOk(response);
    const r = body.details as Item;
    assert.equal(body.id, r.transactionsId);
    assert.equal(r.originalTransactionId, deposit);
    assert.equal(r.reasonCode, 'DUPL');
    assert.equal(r.transactionStatus, 'Completed');
    assert.equal(numText((exactBody(response).details as Item).amount), '-30.25');
    assert.equal((await transferRowCounts(server)).transactions, rows.transactions + 1);
    assert.deepEqual(await balancesOf(alice, usd), { total: '50.00', available: '50.00', pending: '0.00' });

    const original = await transactionDetail(alice, deposit);
    assert.equal(original.rollbackTransactionId, r.transactionsId);
    assert.equal(original.bEligibleForReversal, false);
    const reversal = await transactionDetail(alice, r.transactionsId as number);
    assert.equal(reversal.transactionType, 'Reversal');
    assert.equal(reversal.originalTransactionId, deposit);
    assert.equal(reversal.bEligibleForReversal, false);
    assert.equal((await details(alice, deposit)).bEligibleForReversal, false);
    // Once is enough.
    await assertRejectedWithoutWrites(server, alice, [usd], () => reverse(alice, deposit), 400, 'TransactionsId:Transaction_Not_Reversible');
    await assertLedgerSound(server);
  });

  test('Wire and SWIFT deposits can be reversed too', async () => {
    const usd = await createAccount(alice, 'USD');
    const eur = await createAccount(alice, 'EUR');
    const wire = await payIn(alice, usd, '10', 'WIRE');
    const swift = await payIn(alice, eur, '20', 'SWIFT');
    assertOk(await reverse(alice, wire, 'CUST'));
    assertOk(await reverse(alice, swift, 'AM09'));
    assert.deepEqual(await balancesOf(alice, usd), { total: '0.00', available: '0.00', pending: '0.00' });
    assert.deepEqual(await balancesOf(alice, eur), { total: '0.00', available: '0.00', pending: '0.00' });
  });

  test('not reversible (details false, POST refused, nothing written): outbound, internal, rollback, fee, crypto, reversal itself', async (t) => {
    const usd = await fundedAccount(alice, 'USD', '100');
    const other = await createAccount(alice, 'USD', 'other');
    const btc = await createAccount(alice, 'BTC');
    const pendingOut = await achOk(alice, usd, '5');
    const completedOut = await achOk(alice, usd, '5');
    await simulateOk(alice, 'complete', completedOut.transactionsId);
    const failedOut = await achOk(alice, usd, '5');
    const rollbackId = (await simulateOk(alice, 'fail', failedOut.transactionsId)).rollbackTransactionId as number;
    const internal = await internalOk(alice, usd, other, '5');
    const cryptoIn = await cryptoDeposit(alice, btc, '0.1');
    const reversed = await payIn(alice, usd, '1');
    const reversalId = (assertOk(await reverse(alice, reversed)).details as Item).transactionsId as number;
    const cases: [string, number][] = [
      ['a pending outbound transfer', pendingOut.transactionsId],
      ['a completed outbound transfer', completedOut.transactionsId],
      ['a fee', completedOut.feeTransactionId as number],
      ['the rollback of a failed transfer (inbound, but not a deposit)', rollbackId],
      ['the credit leg of an internal transfer', internal.complementaryTransactionId],
      ['the debit leg of an internal transfer', internal.transactionsId],
      ['an on-chain deposit', cryptoIn],
      ['an already reversed deposit', reversed],
      ['a reversal', reversalId],
    ];
    for (const [name, id] of cases) {
      await t.test(name, async () => {
        assert.equal((await details(alice, id)).bEligibleForReversal, false);
        await assertRejectedWithoutWrites(server, alice, [usd, other], () => reverse(alice, id), 400, 'TransactionsId:Transaction_Not_Reversible');
      });
    }
  });

  test('bad ReasonCode, spent money, another principal, unknown id: refused, nothing written', async () => {
    const usd = await createAccount(alice, 'USD');
    const other = await createAccount(alice, 'USD', 'spend');
    const deposit = await payIn(alice, usd, '40');
    await assertRejectedWithoutWrites(server, alice, [usd], () => reverse(alice, deposit, 'XXXX'), 400, 'ReasonCode:Invalid');
    await assertRejectedWithoutWrites(server, alice, [usd], () => reverse(alice, deposit, ''), 400, 'ReasonCode:Required');
    await assertRejectedWithoutWrites(server, alice, [usd], () => alice.post(TRANSFER_PATHS.reverse, { TransactionsId: deposit }), 400, 'ReasonCode:Required');
    await assertRejectedWithoutWrites(server, alice, [usd], () => reverse(alice, deposit, 'DUPL', 'n'.repeat(501)), 400, 'Notes:Invalid_Length');
    await assertRejectedWithoutWrites(server, alice, [usd], () => reverse(bob, deposit), 404, 'TransactionsId:Not_Found');
    await assertRejectedWithoutWrites(server, alice, [usd], () => reverse(alice, 999999), 404, 'TransactionsId:Not_Found');
    assertError(await bob.get(`${TRANSFER_PATHS.reverse}?TransactionsId=${deposit}`), 404, 'TransactionsId:Not_Found');
    assertError(await alice.get(TRANSFER_PATHS.reverse), 400, 'TransactionsId:Required');
    // Part of the deposit is spent: it cannot go back whole.
    await internalOk(alice, usd, other, '0.01');
    await assertRejectedWithoutWrites(server, alice, [usd, other], () => reverse(alice, deposit), 400, 'TransactionsId:Insufficient_Funds');
    assert.equal((await details(alice, deposit)).bEligibleForReversal, true, 'still eligible once the money is back');
    await internalOk(alice, other, usd, '0.01');
    assertOk(await reverse(alice, deposit, 'FRAD'));
    assert.deepEqual(await balancesOf(alice, usd), { total: '0.00', available: '0.00', pending: '0.00' });
  });

  test('concurrent reversals of one deposit: exactly one wins', async () => {
    const usd = await createAccount(alice, 'USD');
    await payIn(alice, usd, '100');
    const deposit = await payIn(alice, usd, '10');
    const rows = await transferRowCounts(server);
    const responses = await Promise.all(Array.from({ length: 4 }, () => reverse(alice, deposit)));
    const winners = responses.filter((r) => r.statusCode === 200);
    assert.equal(winners.length, 1, responses.map((r) => r.body).join('\n'));
    for (const r of responses) if (r.statusCode !== 200) assertError(r, 400, 'TransactionsId:Transaction_Not_Reversible');
    assert.equal((await transferRowCounts(server)).transactions, rows.transactions + 1);
    assert.deepEqual(await balancesOf(alice, usd), { total: '100.00', available: '100.00', pending: '0.00' });
    const items = assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${usd}`)).details as Item[];
    assert.equal(items.length, 3);
    await assertLedgerSound(server);
  });

  // src/transfers/reversal-service.ts checks the funds before claiming the deposit, so on PostgreSQL
  // the losers see the balance the winner spent and answer Insufficient_Funds (SQLite: Not_Reversible).
  test('concurrent reversals of a deposit that is the whole balance: the losers are told Transaction_Not_Reversible', async () => {
    const usd = await createAccount(alice, 'USD');
    const deposit = await payIn(alice, usd, '10');
    const responses = await Promise.all(Array.from({ length: 4 }, () => reverse(alice, deposit)));
    assert.equal(responses.filter((r) => r.statusCode === 200).length, 1, responses.map((r) => r.body).join('\n'));
    assert.deepEqual(await balancesOf(alice, usd), { total: '0.00', available: '0.00', pending: '0.00' });
    for (const r of responses) if (r.statusCode !== 200) assertError(r, 400, 'TransactionsId:Transaction_Not_Reversible');
  });
});
