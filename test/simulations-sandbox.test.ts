// Simulated testing (sandbox): pay-ins by ACH/WIRE/SWIFT, crypto deposits (completed at once or
// pending), completing and failing pending transactions, and the routes' absence in production.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import {
  ADDRESSES,
  assertError,
  assertLedgerSound,
  assertOk,
  balancesOf,
  createAccount,
  cryptoDeposit,
  json,
  newApi,
  PATHS,
  payIn,
  rowCounts,
  transactionDetail,
  withdraw,
  type Api,
} from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';

type Item = Record<string, unknown>;

describe('simulations in sandbox mode', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let usd2: number;
  let eur: number;
  let btc: number;
  let eth: number;

  before(async () => {
    const world = await createWorld({
      accounts: { usd: { asset: 'USD' }, usd2: { asset: 'USD', name: 'second USD' }, eur: { asset: 'EUR' }, btc: { asset: 'BTC' }, eth: { asset: 'ETH' } },
      other: {},
    });
    ({
      server,
      api: alice,
      accounts: { usd, usd2, eur, btc, eth },
      other: { api: bob },
    } = world);
  });
  after(async () => {
    await server?.close();
  });

  describe('POST /api/v1/customer/simulations/payins', () => {
    test('answers {id, status, errors} with no details key; id is the new transaction', async () => {
      const response = await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${usd},"TransferType":"ACH","Amount":100.10}`);
      assert.equal(response.statusCode, 200, response.body);
      const body = json(response);
      assert.deepEqual(Object.keys(body).sort(), ['errors', 'id', 'status']);
      assert.equal(body.status, '1');
      assert.deepEqual(body.errors, []);
      assert.equal(Object.hasOwn(body, 'details'), false);
      const detail = await transactionDetail(alice, body.id as number);
      assert.equal(detail.assetAccountId, usd);
      assert.equal(detail.transactionType, 'Deposit');
    });

    test('100.10 by ACH to one account, then 0.1 and 0.2 to another: exactly 0.30', async () => {
      assert.deepEqual(await balancesOf(alice, usd), { total: '100.10', available: '100.10', pending: '0.00' });
      await payIn(alice, usd2, '0.1', 'ACH');
      await payIn(alice, usd2, '0.2', 'WIRE');
      assert.deepEqual(await balancesOf(alice, usd2), { total: '0.30', available: '0.30', pending: '0.00' });
      assert.deepEqual(await balancesOf(alice, usd), { total: '100.10', available: '100.10', pending: '0.00' });
      await assertLedgerSound(server);
    });

    test('SWIFT to an international account, TransferType in any case, optional Name and Reference', async () => {
      await payIn(alice, eur, '12.34', 'SWIFT');
      await payIn(alice, usd2, '1', 'wire');
      const named = await alice.post(PATHS.payIns, { destinationAccountId: eur, transferType: 'swift', amount: '0.66', name: 'Ann Other', reference: 'R-1' });
      const id = assertOk(named).id as number;
      const ext = (await transactionDetail(alice, id)).externalTransferDetails as Item;
      assert.equal(ext.senderName, 'Ann Other');
      assert.equal(ext.reference, 'R-1');
      assert.deepEqual(await balancesOf(alice, eur), { total: '13.00', available: '13.00', pending: '0.00' });
      assert.deepEqual(await balancesOf(alice, usd2), { total: '1.30', available: '1.30', pending: '0.00' });
    });

    test('each bad input is rejected with its code and writes nothing', async () => {
      const rows = await rowCounts(server);
      const p = (account: number | string, type: string, amount: string) => `{"DestinationAccountId":${account},"TransferType":"${type}","Amount":${amount}}`;
      const cases: { payload: string; status: number; errors: string[] }[] = [
        { payload: p(eur, 'ACH', '1'), status: 400, errors: ['TransferType:Invalid'] },
        { payload: p(eur, 'WIRE', '1'), status: 400, errors: ['TransferType:Invalid'] },
        { payload: p(usd, 'SWIFT', '1'), status: 400, errors: ['TransferType:Invalid'] },
        { payload: p(usd, 'CARD', '1'), status: 400, errors: ['TransferType:Invalid'] },
        { payload: p(btc, 'ACH', '1'), status: 400, errors: ['DestinationAccountId:Invalid'] },
        { payload: p(btc, 'SWIFT', '1'), status: 400, errors: ['DestinationAccountId:Invalid'] },
        { payload: p(usd, 'ACH', '0.001'), status: 400, errors: ['Amount:Invalid'] },
        { payload: p(usd, 'ACH', '-1'), status: 400, errors: ['Amount:Invalid'] },
        { payload: p(usd, 'ACH', '0'), status: 400, errors: ['Amount:Required'] },
        { payload: p(usd, 'ACH', '"ten"'), status: 400, errors: ['Amount:Invalid'] },
        { payload: p(usd, 'ACH', '1e400'), status: 400, errors: ['Amount:Invalid'] },
        { payload: `{"DestinationAccountId":${usd},"TransferType":7,"Amount":1}`, status: 400, errors: ['TransferType:Invalid'] },
        { payload: '{}', status: 400, errors: ['DestinationAccountId:Required', 'TransferType:Required', 'Amount:Required'] },
        { payload: p(999999, 'ACH', '1'), status: 404, errors: ['DestinationAccountId:Not_Found'] },
      ];
      for (const c of cases) assertError(await alice.postRaw(PATHS.payIns, c.payload), c.status, ...c.errors);
      // Another principal's account is not found either.
      assertError(await bob.postRaw(PATHS.payIns, p(usd, 'ACH', '1')), 404, 'DestinationAccountId:Not_Found');
      assert.deepEqual(await rowCounts(server), rows);
    });
  });

  describe('POST /api/v1/customer/simulations/crypto-deposits', () => {
    test('completes at once by default: the balance rises', async () => {
      const response = await alice.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${btc},"Amount":0.5,"SourceAddress":"${ADDRESSES.btcTestnet}"}`);
      const body = assertOk(response);
      assert.equal(Object.hasOwn(body, 'details'), false);
      assert.deepEqual(await balancesOf(alice, btc), { total: '0.50000000', available: '0.50000000', pending: '0.00000000' });
      const detail = await transactionDetail(alice, body.id as number);
      assert.equal(detail.transactionStatus, 'Completed');
      assert.equal((detail.walletTransferDetails as Item).fromWalletAddress, ADDRESSES.btcTestnet);
    });

    test('bComplete:false stays pending (total up, available unchanged, pending positive) until completed', async () => {
      const id = await cryptoDeposit(alice, btc, '0.25', false);
      assert.deepEqual(await balancesOf(alice, btc), { total: '0.75000000', available: '0.50000000', pending: '0.25000000' });
      const listed = (assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${btc}`)).details as Item[])[0] as Item;
      assert.equal(listed.id, id);
      assert.equal(listed.bPending, true);
      assert.equal((await transactionDetail(alice, id)).transactionStatus, 'Pending');
      // A pending deposit cannot be withdrawn yet.
      assertError(await withdraw(alice, btc, '0.6', ADDRESSES.btcTestnet), 400, 'amount:Insufficient_Funds');

      const completed = assertOk(await alice.post(PATHS.complete, { TransactionsId: id }));
      assert.deepEqual(completed.details, { transactionsId: id, rollbackTransactionId: null });
      assert.deepEqual(await balancesOf(alice, btc), { total: '0.75000000', available: '0.75000000', pending: '0.00000000' });
      assert.equal((await transactionDetail(alice, id)).transactionStatus, 'Completed');

      const rows = await rowCounts(server);
      assertError(await alice.post(PATHS.complete, { TransactionsId: id }), 400, 'TransactionsId:Transaction_Not_Pending');
      assertError(await alice.post(PATHS.fail, { TransactionsId: id }), 400, 'TransactionsId:Transaction_Not_Pending');
      assert.deepEqual(await rowCounts(server), rows);
      await assertLedgerSound(server);
    });

    test('failing a pending inbound deposit releases it with no rollback', async () => {
      const before = await balancesOf(alice, eth);
      const id = await cryptoDeposit(alice, eth, '3.000000000000000001', false);
      assert.deepEqual(await balancesOf(alice, eth), { total: '3.000000000000000001', available: '0.000000000000000000', pending: '3.000000000000000001' });
      const rows = await rowCounts(server);
      const failed = assertOk(await alice.post(PATHS.fail, { TransactionsId: id }));
      assert.deepEqual(failed.details, { transactionsId: id, rollbackTransactionId: null });
      assert.deepEqual(await balancesOf(alice, eth), before);
      const detail = await transactionDetail(alice, id);
      assert.equal(detail.transactionStatus, 'Failed');
      assert.equal(detail.rollbackTransactionId, null);
      assert.equal((await rowCounts(server)).transactions, rows.transactions, 'no rollback transaction');
      assertError(await alice.post(PATHS.fail, { TransactionsId: id }), 400, 'TransactionsId:Transaction_Not_Pending');
      await assertLedgerSound(server);
    });

    test('bad inputs: fiat account, too precise, zero, foreign', async () => {
      const rows = await rowCounts(server);
      assertError(await alice.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${usd},"Amount":1}`), 400, 'DestinationAccountId:Invalid');
      assertError(await alice.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${btc},"Amount":0.000000001}`), 400, 'Amount:Invalid');
      assertError(await alice.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${btc},"Amount":0}`), 400, 'Amount:Required');
      assertError(await alice.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${btc},"Amount":1,"bComplete":"maybe"}`), 400, 'bComplete:Invalid');
      assertError(await bob.postRaw(PATHS.cryptoDeposits, `{"DestinationAccountId":${btc},"Amount":1}`), 404, 'DestinationAccountId:Not_Found');
      assert.deepEqual(await rowCounts(server), rows);
    });
  });

  describe('POST /api/v1/customer/simulations/transactions/complete and /fail', () => {
    test('failing a pending withdrawal returns the funds through a rollback linked both ways', async () => {
      const before = await balancesOf(alice, btc);
      const w = (assertOk(await withdraw(alice, btc, '0.3', ADDRESSES.btcTestnet)).details as Item).id as number;
      assert.deepEqual(await balancesOf(alice, btc), { total: '0.45000000', available: '0.45000000', pending: '-0.30000000' });
      const failed = assertOk(await alice.post(PATHS.fail, { TransactionsId: w, Reason: 'chain rejected' }));
      const rollback = (failed.details as Item).rollbackTransactionId as number;
      assert.equal((failed.details as Item).transactionsId, w);
      assert.equal(typeof rollback, 'number');
      assert.deepEqual(await balancesOf(alice, btc), before);
      const original = await transactionDetail(alice, w);
      assert.equal(original.transactionStatus, 'Failed');
      assert.equal(original.rollbackTransactionId, rollback);
      const back = await transactionDetail(alice, rollback);
      assert.equal(back.originalTransactionId, w);
      assert.equal(back.transactionStatus, 'Completed');
      const listed = (assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${btc}`)).details as Item[]).find((i) => i.id === w) as Item;
      assert.equal(listed.bPending, false);

      const rows = await rowCounts(server);
      assertError(await alice.post(PATHS.fail, { TransactionsId: w }), 400, 'TransactionsId:Transaction_Not_Pending');
      assertError(await alice.post(PATHS.complete, { TransactionsId: w }), 400, 'TransactionsId:Transaction_Not_Pending');
      assertError(await alice.post(PATHS.fail, { TransactionsId: rollback }), 400, 'TransactionsId:Transaction_Not_Pending');
      assert.deepEqual(await rowCounts(server), rows);
      await assertLedgerSound(server);
    });

    test('completing a pending withdrawal settles it: the money leaves, pending returns to zero', async () => {
      const w = (assertOk(await withdraw(alice, btc, '0.05', ADDRESSES.btcTestnet)).details as Item).id as number;
      const done = assertOk(await alice.post(PATHS.complete, { TransactionsId: w }));
      assert.deepEqual(done.details, { transactionsId: w, rollbackTransactionId: null });
      assert.deepEqual(await balancesOf(alice, btc), { total: '0.70000000', available: '0.70000000', pending: '0.00000000' });
      const detail = await transactionDetail(alice, w);
      assert.equal(detail.transactionStatus, 'Completed');
      assert.equal(detail.rollbackTransactionId, null);
      assertError(await alice.post(PATHS.complete, { TransactionsId: w }), 400, 'TransactionsId:Transaction_Not_Pending');
      await assertLedgerSound(server);
    });

    test('completing or failing twice at the same time: one wins, the other is Transaction_Not_Pending', async () => {
      const w = (assertOk(await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet)).details as Item).id as number;
      const responses = await Promise.all([
        alice.post(PATHS.fail, { TransactionsId: w }),
        alice.post(PATHS.complete, { TransactionsId: w }),
        alice.post(PATHS.fail, { TransactionsId: w }),
      ]);
      assert.equal(responses.filter((r) => r.statusCode === 200).length, 1, responses.map((r) => r.body).join('\n'));
      for (const r of responses.filter((x) => x.statusCode !== 200)) assertError(r, 400, 'TransactionsId:Transaction_Not_Pending');
      await assertLedgerSound(server);
    });

    test('foreign, unknown and missing transaction ids', async () => {
      const w = (assertOk(await withdraw(alice, btc, '0.01', ADDRESSES.btcTestnet)).details as Item).id as number;
      assertError(await bob.post(PATHS.complete, { TransactionsId: w }), 404, 'TransactionsId:Not_Found');
      assertError(await bob.post(PATHS.fail, { TransactionsId: w }), 404, 'TransactionsId:Not_Found');
      assertError(await alice.post(PATHS.fail, { TransactionsId: 999999 }), 404, 'TransactionsId:Not_Found');
      assertError(await alice.post(PATHS.fail, {}), 400, 'TransactionsId:Required');
      assert.equal((await transactionDetail(alice, w)).transactionStatus, 'Pending');
    });
  });
});

describe('simulations in production mode', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ MODE: 'production' });
  });
  after(async () => {
    await server?.close();
  });

  test('every simulation path is 404 Not_Found and writes nothing', async () => {
    const api = await newApi(server);
    const usd = await createAccount(api, 'USD');
    const rows = await rowCounts(server);
    const calls: [string, unknown][] = [
      [PATHS.payIns, { DestinationAccountId: usd, TransferType: 'ACH', Amount: 1 }],
      [PATHS.cryptoDeposits, { DestinationAccountId: usd, Amount: 1 }],
      [PATHS.complete, { TransactionsId: 5001 }],
      [PATHS.fail, { TransactionsId: 5001 }],
    ];
    for (const [path, body] of calls) {
      assertError(await api.post(path, body), 404, ':Not_Found');
      // Without credentials as well: the path does not exist.
      assertError(await server.call('POST', path, { body }), 404, ':Not_Found');
    }
    assert.deepEqual(await rowCounts(server), rows);
    assert.deepEqual(await balancesOf(api, usd), { total: '0.00', available: '0.00', pending: '0.00' });
  });
});
