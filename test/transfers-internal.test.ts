// Transfers chapter, internal transfers (fiat and crypto): they complete at once as two linked
// transactions; every bad input (other asset, same account, not enough money, someone else's,
// unknown or suppressed account, a rejected managee, bad amounts, the wrong path for the asset
// class) is refused with Ibanera's documented code (docs/transfers.md) without writing anything;
// Idempotency-Key replays; a managee's account can be reached once the managee is accepted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findAsset, openAccount } from '../src/accounts/index.js';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { assertLedgerSound, assertOk, balancesOf, json, numText, PATHS, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { completeJumio, createManagee, decideKyc } from './helpers/managees-helpers.js';
import { assertRejectedWithoutWrites, fundedAccount, internalOk, internalTransfer, snapshot, TRANSFER_PATHS, transferRowCounts } from './helpers/transfers-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;
const sorted = (keys: readonly string[]) => [...keys].sort();
const RESULT_KEYS = ['transactionsId', 'complementaryTransactionId', 'sourceAccountId', 'destinationAccountId', 'asset', 'amount', 'reference', 'transactionStatus', 'dateTime'];
const REPLAYED = 'idempotent-replayed';

describe('internal transfers', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd1: number;
  let usd2: number;
  let eur: number;
  let btc1: number;
  let btc2: number;
  let eth: number;
  let bobUsd: number;
  let bobBtc: number;

  before(async () => {
    const world = await createWorld({
      accounts: {
        usd1: { asset: 'USD', name: 'USD one', payIn: '100.00' },
        usd2: { asset: 'USD', name: 'USD two' },
        eur: { asset: 'EUR', payIn: '50' },
        btc1: { asset: 'BTC', name: 'BTC one', cryptoDeposit: '1.5' },
        btc2: { asset: 'BTC', name: 'BTC two' },
        eth: { asset: 'ETH' },
      },
      other: { accounts: { usd: { asset: 'USD', payIn: '10' }, btc: { asset: 'BTC' } } },
    });
    ({ server, api: alice } = world);
    ({ usd1, usd2, eur, btc1, btc2, eth } = world.accounts);
    ({
      api: bob,
      accounts: { usd: bobUsd, btc: bobBtc },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  test('fiat: completes at once as two linked transactions; balances move; each detail names the other', async () => {
    const rowsBefore = await transferRowCounts(server);
    const response = await internalTransfer(alice, usd1, usd2, '12.34', { reference: 'rent' });
    const body = assertOk(response);
    const d = body.details as Item;
    assert.deepEqual(sorted(Object.keys(d)), sorted(RESULT_KEYS));
    assert.equal(body.id, d.transactionsId);
    const exact = exactBody(response).details as Item;
    assert.equal(numText(exact.amount), '12.34');
    assert.equal(d.sourceAccountId, usd1);
    assert.equal(d.destinationAccountId, usd2);
    assert.equal(d.asset, 'USD');
    assert.equal(d.reference, 'rent');
    assert.equal(d.transactionStatus, 'Completed');
    const debitId = d.transactionsId as number;
    const creditId = d.complementaryTransactionId as number;
    assert.notEqual(debitId, creditId);

    const rowsAfter = await transferRowCounts(server);
    assert.equal(rowsAfter.transactions, rowsBefore.transactions + 2, 'two transactions');
    assert.equal(rowsAfter.callbacks, rowsBefore.callbacks, 'no callback without a URL');
    assert.deepEqual(await balancesOf(alice, usd1), { total: '87.66', available: '87.66', pending: '0.00' });
    assert.deepEqual(await balancesOf(alice, usd2), { total: '12.34', available: '12.34', pending: '0.00' });

    const internal = { fromCustomerId: alice.principal.customersId, fromAssetAccountId: usd1, toCustomerId: alice.principal.customersId, toAssetAccountId: usd2 };
    const debit = await transactionDetail(alice, debitId);
    assert.equal(debit.transactionType, 'InternalTransfer');
    assert.equal(debit.transactionStatus, 'Completed');
    assert.equal(debit.assetAccountId, usd1);
    assert.equal(debit.description, 'rent');
    assert.equal(debit.feeTransactionId, null);
    assert.equal(debit.bEligibleForReversal, false);
    assert.deepEqual(debit.internalTransferDetails, { complementaryTransactionId: creditId, ...internal });
    assert.equal(numText((exactBody(await alice.get(`${PATHS.transactionV2}?Id=${debitId}`)).details as Item).amount), '-12.34');
    const credit = await transactionDetail(alice, creditId);
    assert.equal(credit.assetAccountId, usd2);
    assert.equal(credit.transactionStatus, 'Completed');
    assert.deepEqual(credit.internalTransferDetails, { complementaryTransactionId: debitId, ...internal });
    assert.equal(numText((exactBody(await alice.get(`${PATHS.transactionV2}?Id=${creditId}`)).details as Item).amount), '12.34');

    // The list shows both legs with their from/to links, settled and not cancellable.
    const items = assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${usd2}`)).details as Item[];
    const listed = items.find((i) => i.id === creditId);
    assert.ok(listed !== undefined);
    assert.deepEqual(
      {
        from: listed.fromTransactionsId,
        to: listed.toTransactionsId,
        fromAcc: listed.fromAccountsId,
        toAcc: listed.toAccountsId,
        pending: listed.bPending,
        cancellable: listed.bCancellable,
      },
      { from: debitId, to: creditId, fromAcc: usd1, toAcc: usd2, pending: false, cancellable: false },
    );
    await assertLedgerSound(server);
  });

  test('crypto: BTC with 8 decimals on the crypto path; each path refuses the other asset class', async () => {
    const done = await internalOk(alice, btc1, btc2, '0.12345678', { kind: 'crypto' });
    assert.equal(done.asset, 'BTC');
    assert.deepEqual(await balancesOf(alice, btc1), { total: '1.37654322', available: '1.37654322', pending: '0.00000000' });
    assert.equal((await transactionDetail(alice, done.complementaryTransactionId)).internalTransferDetails !== null, true);
    const ok = await internalTransfer(alice, btc2, btc1, '0.00000001', { kind: 'crypto' });
    assertOk(ok);
    await assertRejectedWithoutWrites(server, alice, [btc1, btc2], () => internalTransfer(alice, btc1, btc2, '0.000000001', { kind: 'crypto' }), 400, 'Amount:Invalid');
    await assertRejectedWithoutWrites(server, alice, [usd1, usd2], () => internalTransfer(alice, usd1, usd2, '1', { kind: 'crypto' }), 400, 'SourceAccountId:Invalid_Asset');
    await assertRejectedWithoutWrites(server, alice, [btc1, btc2], () => internalTransfer(alice, btc1, btc2, '0.1'), 400, 'SourceAccountId:Invalid_Asset');
    await assertRejectedWithoutWrites(server, alice, [btc1, eth], () => internalTransfer(alice, btc1, eth, '0.1', { kind: 'crypto' }), 400, 'DestinationAccountId:Invalid_Asset');
    await assertLedgerSound(server);
  });

  test("a real client's spelling: string ids and amounts, camelCase keys, no Reference", async () => {
    const response = await alice.postRaw(TRANSFER_PATHS.internalFiat, `{"sourceAccountId":"${usd1}","destinationAccountId":"${usd2}","amount":"0.66"}`);
    const d = assertOk(response).details as Item;
    assert.equal(d.reference, null);
    assert.equal((await transactionDetail(alice, d.transactionsId as number)).description, `Internal transfer ${usd1} to ${usd2}`);
    assert.deepEqual(await balancesOf(alice, usd1), { total: '87.00', available: '87.00', pending: '0.00' });
  });

  test('the whole available balance can be sent; one cent more is Insufficient_Funds', async () => {
    const a = await fundedAccount(alice, 'USD', '20.05', 'exact');
    await assertRejectedWithoutWrites(server, alice, [a, usd2], () => internalTransfer(alice, a, usd2, '20.06'), 400, 'Amount:Insufficient_Funds');
    await internalOk(alice, a, usd2, '20.05');
    assert.deepEqual(await balancesOf(alice, a), { total: '0.00', available: '0.00', pending: '0.00' });
    await assertRejectedWithoutWrites(server, alice, [a, usd2], () => internalTransfer(alice, a, usd2, '0.01'), 400, 'Amount:Insufficient_Funds');
  });

  test("each documented code with its trigger (Ibanera's list), and nothing written", async (t) => {
    const mine = [usd1, usd2, eur, btc1, btc2];
    const cases: [string, () => ReturnType<typeof internalTransfer>, ...string[]][] = [
      ['unknown source', () => internalTransfer(alice, 999999, usd1, '1'), 'SourceAccountId:Invalid_Source_Account'],
      ['source of another principal', () => internalTransfer(alice, bobUsd, usd1, '1'), 'SourceAccountId:Invalid_Source_Account'],
      ['another principal pulling from my account', () => internalTransfer(bob, usd1, bobUsd, '1'), 'SourceAccountId:Invalid_Source_Account'],
      // Reach comes first: another principal's BTC account on the fiat path says nothing of its asset.
      ['a foreign source of the wrong asset class', () => internalTransfer(alice, bobBtc, btc1, '0.1'), 'SourceAccountId:Invalid_Source_Account'],
      ['unknown source and unknown destination', () => internalTransfer(alice, 999998, 999999, '1'), 'SourceAccountId:Invalid_Source_Account'],
      ['unknown destination', () => internalTransfer(alice, usd1, 999999, '1'), 'DestinationAccountId:Invalid_Destination_Account'],
      ['destination of another principal', () => internalTransfer(alice, usd1, bobUsd, '1'), 'DestinationAccountId:Invalid_Destination_Account'],
      ['a foreign destination of another asset', () => internalTransfer(alice, usd1, bobBtc, '1'), 'DestinationAccountId:Invalid_Destination_Account'],
      ['the same account on both sides', () => internalTransfer(alice, usd1, usd1, '1'), 'DestinationAccountId:Invalid_Destination_Account'],
      ['different assets', () => internalTransfer(alice, usd1, eur, '1'), 'DestinationAccountId:Invalid_Asset'],
      ['different assets, other way', () => internalTransfer(alice, eur, usd1, '1'), 'DestinationAccountId:Invalid_Asset'],
      ['fiat to crypto', () => internalTransfer(alice, usd1, btc1, '1'), 'DestinationAccountId:Invalid_Asset'],
      ['the fiat path with BTC accounts', () => internalTransfer(alice, btc1, btc2, '0.1'), 'SourceAccountId:Invalid_Asset'],
      ['the crypto path with USD accounts', () => internalTransfer(alice, usd1, usd2, '1', { kind: 'crypto' }), 'SourceAccountId:Invalid_Asset'],
      ['more than the balance', () => internalTransfer(alice, usd1, usd2, '87.01'), 'Amount:Insufficient_Funds'],
    ];
    for (const [name, send, ...errors] of cases) {
      await t.test(name, () => assertRejectedWithoutWrites(server, alice, mine, send, 400, ...errors));
    }
    // Another principal's account answers exactly as an id that does not exist, on either side.
    assert.equal((await internalTransfer(alice, bobUsd, usd1, '1')).body, (await internalTransfer(alice, 999999, usd1, '1')).body);
    assert.equal((await internalTransfer(alice, usd1, bobUsd, '1')).body, (await internalTransfer(alice, usd1, 999999, '1')).body);
    // The catalog gives each code its errorType.
    assert.deepEqual(json(await internalTransfer(alice, 999999, usd1, '1')).errors, [
      {
        errorType: 'BadRequest',
        fieldName: 'SourceAccountId',
        messageCode: 'Invalid_Source_Account',
        message: 'Internal transfer: the source account is unknown, outside your reach or suppressed.',
      },
    ]);
    assert.deepEqual(await balancesOf(bob, bobUsd), { total: '10.00', available: '10.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test('a suppressed account can neither send nor receive: Invalid_Source_Account / Invalid_Destination_Account', async () => {
    const db = server.runtime.database.db;
    const frozen = await fundedAccount(alice, 'USD', '5', 'suppressed');
    // No endpoint suppresses an account (the operator does); set the flag as the operator would.
    await db.updateTable('accounts').set({ b_suppressed: 1 }).where('id', '=', frozen).execute();
    await assertRejectedWithoutWrites(server, alice, [frozen, usd2], () => internalTransfer(alice, frozen, usd2, '1'), 400, 'SourceAccountId:Invalid_Source_Account');
    await assertRejectedWithoutWrites(server, alice, [frozen, usd2], () => internalTransfer(alice, usd2, frozen, '1'), 400, 'DestinationAccountId:Invalid_Destination_Account');
    await db.updateTable('accounts').set({ b_suppressed: 0 }).where('id', '=', frozen).execute();
    await internalOk(alice, frozen, usd2, '1');
    await internalOk(alice, usd2, frozen, '1');
    await assertLedgerSound(server);
  });

  test('every malformed input is refused and writes nothing', async (t) => {
    const mine = [usd1, usd2, eur];
    const cases: [string, () => ReturnType<typeof internalTransfer>, number, ...string[]][] = [
      ['zero amount', () => internalTransfer(alice, usd1, usd2, '0'), 400, 'Amount:Required'],
      ['negative amount', () => internalTransfer(alice, usd1, usd2, '-1'), 400, 'Amount:Invalid'],
      ['more decimals than the asset has', () => internalTransfer(alice, usd1, usd2, '1.001'), 400, 'Amount:Invalid'],
      ['a non-numeric amount', () => internalTransfer(alice, usd1, usd2, '"ten"'), 400, 'Amount:Invalid'],
      [
        'an id that is not a number',
        () => alice.postRaw(TRANSFER_PATHS.internalFiat, `{"SourceAccountId":"abc","DestinationAccountId":${usd2},"Amount":1}`),
        400,
        'SourceAccountId:Invalid',
      ],
      ['nothing at all', () => alice.post(TRANSFER_PATHS.internalFiat, {}), 400, 'SourceAccountId:Required', 'DestinationAccountId:Required', 'Amount:Required'],
      ['a reference too long', () => internalTransfer(alice, usd1, usd2, '1', { reference: 'r'.repeat(141) }), 400, 'Reference:Invalid_Length'],
    ];
    for (const [name, send, status, ...errors] of cases) {
      await t.test(name, () => assertRejectedWithoutWrites(server, alice, mine, send, status, ...errors));
    }
    // Bob's account did not move either.
    assert.deepEqual(await balancesOf(bob, bobUsd), { total: '10.00', available: '10.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test('without a token or without the otp header every transfer endpoint is 401 and writes nothing', async () => {
    const rows = await transferRowCounts(server);
    const token = await server.login(alice.principal);
    const posts: [string, unknown][] = [
      [TRANSFER_PATHS.internalFiat, { SourceAccountId: usd1, DestinationAccountId: usd2, Amount: 1 }],
      [TRANSFER_PATHS.internalCrypto, { SourceAccountId: btc1, DestinationAccountId: btc2, Amount: 0.1 }],
      [TRANSFER_PATHS.external, { SourceAccountId: usd1, TransferType: 'ACH', Payee: { Name: 'x', AccountNumber: '1234', RoutingNumber: '021000021' }, Amount: 1 }],
      [TRANSFER_PATHS.payeeCreateV3, { CustomersId: alice.principal.customersId, TransferType: 'ACH', Name: 'x', AccountNumber: '1234', RoutingNumber: '021000021' }],
      [TRANSFER_PATHS.payeeEdit, { PayeesId: 1 }],
      [TRANSFER_PATHS.payeeDelete, { PayeesId: 1 }],
      [TRANSFER_PATHS.cancel, { TransactionsId: 1 }],
      [TRANSFER_PATHS.reverse, { TransactionsId: 1, ReasonCode: 'DUPL' }],
    ];
    for (const [path, body] of posts) {
      assert.equal((await server.call('POST', path, { body })).statusCode, 401, path);
      assert.equal((await server.call('POST', path, { body, token })).statusCode, 401, `${path} without otp`);
    }
    for (const path of [TRANSFER_PATHS.payeeList, `${TRANSFER_PATHS.payeeGet}?Id=1`, `${TRANSFER_PATHS.cancel}?TransactionsId=1`, `${TRANSFER_PATHS.reverse}?TransactionsId=1`]) {
      assert.equal((await server.call('GET', path)).statusCode, 401, path);
    }
    assert.deepEqual(await transferRowCounts(server), rows);
  });

  test('Idempotency-Key: the same transfer again replays its answer and moves no money; another body is 409', async () => {
    const key = { 'idempotency-key': 'internal-1' };
    const first = await internalTransfer(alice, usd1, usd2, '5', { reference: 'once', headers: key });
    assertOk(first);
    const state = await snapshot(server, alice, [usd1, usd2]);
    const again = await internalTransfer(alice, usd1, usd2, '5', { reference: 'once', headers: key });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, first.body);
    assert.deepEqual(await snapshot(server, alice, [usd1, usd2]), state);
    assert.deepEqual(await balancesOf(alice, usd1), { total: '82.00', available: '82.00', pending: '0.00' });
    const other = await internalTransfer(alice, usd1, usd2, '6', { reference: 'once', headers: key });
    assert.equal(other.statusCode, 409, other.body);
    assert.deepEqual(await snapshot(server, alice, [usd1, usd2]), state);

    // Concurrent requests with one key: one transfer, the same answer for all.
    const raceKey = { 'idempotency-key': 'internal-race' };
    const before = await transferRowCounts(server);
    const responses = await Promise.all(Array.from({ length: 4 }, () => internalTransfer(alice, usd1, usd2, '1', { headers: raceKey })));
    for (const r of responses) assertOk(r);
    assert.equal(new Set(responses.map((r) => (json(r).details as Item).transactionsId)).size, 1);
    assert.equal((await transferRowCounts(server)).transactions, before.transactions + 2);
    assert.deepEqual(await balancesOf(alice, usd1), { total: '81.00', available: '81.00', pending: '0.00' });
    await assertLedgerSound(server);
  });

  test("a managee's account: refused while the managee is not accepted, reachable both ways once accepted", async () => {
    const db = server.runtime.database.db;
    const usdAsset = await findAsset(db, 'USD');
    assert.ok(usdAsset !== undefined);
    const { manageesId } = await createManagee(alice);
    // Accounts are opened on acceptance; open one now, straight in the database, to show the KYC check.
    const early = await openAccount(db, { customersId: manageesId, name: 'early USD', asset: usdAsset, dateAdded: new Date().toISOString() });
    await assertRejectedWithoutWrites(server, alice, [usd1, early.id], () => internalTransfer(alice, usd1, early.id, '1'), 400, 'DestinationAccountId:Documents_Not_Verified');
    await assertRejectedWithoutWrites(server, alice, [usd1, early.id], () => internalTransfer(alice, early.id, usd1, '1'), 400, 'SourceAccountId:Documents_Not_Verified');
    // The account checks come first: another asset is Invalid_Asset, whoever owns the account.
    await assertRejectedWithoutWrites(server, alice, [eur, early.id], () => internalTransfer(alice, eur, early.id, '1'), 400, 'DestinationAccountId:Invalid_Asset');
    await completeJumio(alice, manageesId);
    await assertRejectedWithoutWrites(server, alice, [usd1, early.id], () => internalTransfer(alice, usd1, early.id, '1'), 400, 'DestinationAccountId:Documents_Not_Verified');

    const { accountsIds } = await decideKyc(alice, manageesId, 'Accepted');
    const listed = assertOk(await alice.get(`${PATHS.listAccounts}?CustomersId=${manageesId}&Asset=USD&PageSize=50`)).details as Item[];
    const manageeUsd = listed.map((a) => a.id as number).find((id) => accountsIds.includes(id));
    assert.ok(manageeUsd !== undefined, 'a USD account opened on acceptance');

    const sent = await internalOk(alice, usd1, manageeUsd, '7.50', { reference: 'pocket money' });
    const credit = await transactionDetail(alice, sent.complementaryTransactionId);
    assert.equal(credit.customerId, manageesId);
    assert.deepEqual(credit.internalTransferDetails, {
      complementaryTransactionId: sent.transactionsId,
      fromCustomerId: alice.principal.customersId,
      fromAssetAccountId: usd1,
      toCustomerId: manageesId,
      toAssetAccountId: manageeUsd,
    });
    assert.deepEqual(await balancesOf(alice, manageeUsd), { total: '7.50', available: '7.50', pending: '0.00' });
    // Back from the managee to the manager, and to the early account (the managee is accepted now).
    await internalOk(alice, manageeUsd, usd2, '2.50');
    await internalOk(alice, manageeUsd, early.id, '1');
    assert.deepEqual(await balancesOf(alice, manageeUsd), { total: '4.00', available: '4.00', pending: '0.00' });
    // Another principal cannot reach the managee's account.
    await assertRejectedWithoutWrites(server, alice, [manageeUsd], () => internalTransfer(bob, bobUsd, manageeUsd, '1'), 400, 'DestinationAccountId:Invalid_Destination_Account');
    await assertRejectedWithoutWrites(server, alice, [manageeUsd], () => internalTransfer(bob, manageeUsd, bobUsd, '1'), 400, 'SourceAccountId:Invalid_Source_Account');

    // A rejected managee (a final decision) is no customer money can reach: User_Not_Found, either way.
    const rejected = await createManagee(alice);
    const late = await openAccount(db, { customersId: rejected.manageesId, name: 'rejected USD', asset: usdAsset, dateAdded: new Date().toISOString() });
    await completeJumio(alice, rejected.manageesId);
    await decideKyc(alice, rejected.manageesId, 'Rejected', 'test');
    await assertRejectedWithoutWrites(server, alice, [usd1, late.id], () => internalTransfer(alice, usd1, late.id, '1'), 400, 'DestinationAccountId:User_Not_Found');
    await assertRejectedWithoutWrites(server, alice, [usd1, late.id], () => internalTransfer(alice, late.id, usd1, '1'), 400, 'SourceAccountId:User_Not_Found');
    // To another principal the rejected managee's account is as unknown as any other foreign one.
    await assertRejectedWithoutWrites(server, bob, [bobUsd], () => internalTransfer(bob, bobUsd, late.id, '1'), 400, 'DestinationAccountId:Invalid_Destination_Account');
    await assertLedgerSound(server);
  });
});
