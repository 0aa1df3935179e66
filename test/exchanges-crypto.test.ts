// Crypto exchanges over HTTP (docs/exchanges.md): available pairs; buys (both QuantityTypes)
// settling as one journal against the house with two linked transactions and a fee transaction, the
// destination account opened in the same transaction; sells held, reviewed, confirmed or cancelled;
// every bad input refused with its code and nothing written; another principal's exchange is 404;
// managees trade once accepted; two concurrent confirmations give one trade; list and get.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { assertError, assertLedgerSound, assertOk, balancesOf, json, numText, PATHS, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { acceptedManagee, createManagee } from './helpers/managees-helpers.js';
import { buyOk, EX, refusedWithoutWrites, sellOk, setPrice, trade, tradeRowCounts, type Item } from './helpers/exchanges-helpers.js';
import { createWorld } from './helpers/world.js';

const EXCHANGE_KEYS = [
  'id',
  'exchangeType',
  'status',
  'fromTransactionsId',
  'toTransactionsId',
  'feeTransactionsId',
  'customersId',
  'assetPair',
  'quantityType',
  'requestAmount',
  'requestPrice',
  'executedAmount',
  'executedPrice',
  'commissionFee',
  'rate',
  'payeesId',
  'transferType',
  'payoutTransactionsId',
  'bHasOpenRfi',
  'fromCustomerAssetAccountId',
  'toCustomerAssetAccountId',
  'quote',
  'dateAdded',
  'dateUpdated',
];

const texts = (response: Parameters<typeof exactBody>[0], ...keys: string[]) => {
  const d = exactBody(response).details as Item;
  return Object.fromEntries(keys.map((k) => [k, d[k] === null ? null : numText(d[k])]));
};

async function accountsOf(server: TestServer, customersId: number, asset: string): Promise<number[]> {
  const rows = await server.runtime.database.db.selectFrom('accounts').select('id').where('customers_id', '=', customersId).where('asset', '=', asset).orderBy('id').execute();
  return rows.map((r) => r.id);
}

describe('crypto exchanges', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let eur: number;
  let bobUsd: number;

  before(async () => {
    const world = await createWorld({
      accounts: { usd: { asset: 'USD', payIn: '100000.00' }, eur: { asset: 'EUR', payIn: '50.00' } },
      other: { accounts: { usd: { asset: 'USD', payIn: '1000.00' } } },
    });
    ({ server, api: alice } = world);
    ({ usd, eur } = world.accounts);
    ({ api: bob } = world.other);
    bobUsd = world.other.accounts.usd;
  });
  after(async () => {
    await server?.close();
  });

  test('availablepairs lists the seeded crypto pairs with the documented fields, paged', async () => {
    const response = await alice.get(`${EX.pairs}?PageSize=50`);
    const body = assertOk(response);
    const pairs = body.details as Item[];
    assert.deepEqual(pairs.map((p) => p.assetPair).sort(), ['BTC/EUR', 'BTC/USD', 'ETH/BTC', 'ETH/EUR', 'ETH/USD', 'USDC/EUR', 'USDC/USD']);
    const btc = (exactBody(response).details as Item[]).find((p) => p.assetPair === 'BTC/USD') as Item;
    assert.deepEqual(
      {
        fee: numText(btc.commissionFeePercentage),
        min: numText(btc.minTradeAmount),
        max: numText(btc.maxTradeAmount),
        minP: numText(btc.minTradePrice),
        maxP: numText(btc.maxTradePrice),
        d: numText(btc.maxDecimalPrecision),
      },
      { fee: '0.5', min: '0.00010000', max: '100.00000000', minP: '1.00', maxP: '10000000.00', d: '8' },
    );
    const page = assertOk(await alice.get(`${EX.pairs}?PageNumber=2&PageSize=5`));
    assert.equal((page.details as Item[]).length, 2);
    assert.equal(page.numberOfPages, 2);
  });

  test('a buy by Amount executes at once: one journal, two linked transactions and a fee, the BTC account opened', async () => {
    assert.deepEqual(await accountsOf(server, alice.principal.customersId, 'BTC'), []);
    const journals = (await tradeRowCounts(server)).ledger_journals;
    const response = await trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.01');
    const body = assertOk(response);
    const d = body.details as Item;
    assert.deepEqual(Object.keys(d).sort(), [...EXCHANGE_KEYS].sort());
    assert.equal(body.id, d.id);
    assert.equal(d.status, 'Completed');
    assert.equal(d.exchangeType, 'Buy');
    // 0.01 × 64000.00 = 640.00; commission 0.5 % = 3.20.
    assert.deepEqual(texts(response, 'requestAmount', 'requestPrice', 'executedAmount', 'executedPrice', 'commissionFee', 'rate'), {
      requestAmount: '0.01000000',
      requestPrice: '640.00',
      executedAmount: '0.01000000',
      executedPrice: '640.00',
      commissionFee: '3.20',
      rate: '64000',
    });
    assert.equal((await tradeRowCounts(server)).ledger_journals, journals + 1, 'one journal for the trade');
    const [btc] = await accountsOf(server, alice.principal.customersId, 'BTC');
    assert.ok(btc !== undefined);
    assert.equal(d.toCustomerAssetAccountId, btc);
    assert.equal(d.fromCustomerAssetAccountId, usd);
    assert.deepEqual(await balancesOf(alice, usd), { total: '99356.80', available: '99356.80', pending: '0.00' });
    assert.deepEqual(await balancesOf(alice, btc), { total: '0.01000000', available: '0.01000000', pending: '0.00000000' });

    const from = await transactionDetail(alice, d.fromTransactionsId as number);
    const to = await transactionDetail(alice, d.toTransactionsId as number);
    assert.equal(from.transactionType, 'AssetExchange');
    assert.equal(from.feeTransactionId, d.feeTransactionsId);
    assert.equal(numText((exactBody(await alice.get(`${PATHS.transactionV2}?Id=${String(d.fromTransactionsId)}`)).details as Item).feeTransactionAmount), '-3.20');
    const details = from.assetExchangeTransferDetails as Item;
    assert.deepEqual(details, to.assetExchangeTransferDetails);
    assert.equal(details.assetExchangeId, d.id);
    assert.equal(details.assetExchangeType, 'Buy');
    assert.equal(details.fromTransactionsId, d.fromTransactionsId);
    assert.equal(details.toTransactionsId, d.toTransactionsId);
    assert.equal(details.fromAsset, 'USD');
    assert.equal(details.toAsset, 'BTC');
    assert.equal(details.fromAssetClass, 'Currency');
    assert.equal(details.toAssetClass, 'Cryptocurrency');
    const exactDetails = (exactBody(await alice.get(`${PATHS.transactionV2}?Id=${String(d.fromTransactionsId)}`)).details as Item).assetExchangeTransferDetails as Item;
    assert.equal(numText(exactDetails.commissionFee), '3.2');
    assert.equal(details.toCustomerAssetAccountId, btc);
    const fee = await transactionDetail(alice, d.feeTransactionsId as number);
    assert.equal(fee.transactionType, 'Fee');
    assert.equal(fee.originalTransactionId, d.fromTransactionsId);
    const listed = assertOk(await alice.get(`${PATHS.transactions}?AccountsId=${btc}`)).details as Item[];
    assert.equal(listed[0]?.fromTransactionsId, d.fromTransactionsId);
    assert.equal(listed[0]?.toTransactionsId, d.toTransactionsId);

    const house = await server.cli(['house', 'positions', '--json']);
    assert.equal(house.exitCode, 0, house.stderr);
    const positions = JSON.parse(house.stdout) as { asset: string; house: string; revenue: string }[];
    assert.deepEqual(
      positions.find((p) => p.asset === 'BTC'),
      { asset: 'BTC', house: '-0.01', revenue: '0', reserved: '0' },
    );
    assert.deepEqual(
      positions.find((p) => p.asset === 'USD'),
      { asset: 'USD', house: '640', revenue: '3.2', reserved: '0' },
    );
    const verify = await server.cli(['verify']);
    assert.equal(verify.exitCode, 0, verify.stdout + verify.stderr);
    await assertLedgerSound(server);
  });

  test('a buy by Price spends that much of the quote asset; the base amount rounds down (the house keeps the rest)', async () => {
    const response = await trade(alice, EX.buy, 'BTC/USD', 'Price', '100.00');
    assertOk(response);
    // 100 / 64000 = 0.0015625 BTC exactly; commission 0.50.
    assert.deepEqual(texts(response, 'executedAmount', 'executedPrice', 'commissionFee'), { executedAmount: '0.00156250', executedPrice: '100.00', commissionFee: '0.50' });
    const odd = await trade(alice, EX.buy, 'BTC/USD', 'Price', '10.01');
    // 10.01 / 64000 = 0.000156406… → 0.00015640 (down).
    assert.deepEqual(texts(odd, 'executedAmount', 'commissionFee'), { executedAmount: '0.00015640', commissionFee: '0.06' });
    // The price field may carry the amount as well (Price given, Amount absent).
    const viaPrice = assertOk(await alice.post(EX.buy, { AssetPair: 'btc/usd', QuantityType: 'price', Price: '64.00' })).details as Item;
    assert.equal(viaPrice.status, 'Completed');
  });

  test('the value of a bought amount rounds up at the quote asset precision (house favour)', async () => {
    await setPrice(alice, 'ETH/USD', '3200.333');
    const response = await trade(alice, EX.buy, 'ETH/USD', 'Amount', '0.001');
    // 0.001 × 3200.333 = 3.200333 → 3.21; commission 0.5 % of 3.21 = 0.01605 → 0.02.
    assert.deepEqual(texts(response, 'executedPrice', 'commissionFee', 'rate'), { executedPrice: '3.21', commissionFee: '0.02', rate: '3200.333' });
    await setPrice(alice, 'ETH/USD', '3200.00');
    const quote = assertOk(await alice.postRaw(EX.quote, '{"AssetPair":"ETH/USD","ExchangeType":"Sell","QuantityType":"Amount","Amount":0.001}'));
    const q = exactBody(await alice.postRaw(EX.quote, '{"AssetPair":"ETH/USD","ExchangeType":"Sell","QuantityType":"Amount","Amount":0.001}')).details as Item;
    assert.equal(typeof (quote.details as Item).quoteId, 'number');
    assert.deepEqual(
      { amount: numText(q.amount), total: numText(q.total), fee: numText(q.commissionFee), price: numText(q.price) },
      { amount: '0.00100000', total: '3.20', fee: '0.02', price: '3200' },
    );
  });

  test('a sell holds the amount, waits, is reviewed and confirmed; the proceeds net of commission arrive', async () => {
    const [btc] = await accountsOf(server, alice.principal.customersId, 'BTC');
    assert.ok(btc !== undefined);
    const before = await balancesOf(alice, btc);
    const sold = await sellOk(alice, 'BTC/USD', 'Amount', '0.005');
    assert.equal(sold.status, 'WaitingForConfirmation');
    const quote = sold.quote as Item;
    assert.equal(typeof quote.quoteId, 'number');
    assert.equal(typeof quote.expiresAt, 'string');
    const held = await balancesOf(alice, btc);
    assert.equal(held.pending, '-0.00500000');
    assert.equal(held.available, held.total, 'a hold lowers total and available alike');
    assert.notEqual(held.total, before.total);
    // Reviewing at a new price gives a fresh quote; confirming executes at it.
    await setPrice(alice, 'BTC/USD', '65000.00');
    const reviewed = exactBody(await alice.get(`${EX.review}?ExchangeId=${String(sold.id)}`)).details as Item;
    assert.deepEqual({ total: numText(reviewed.total), fee: numText(reviewed.commissionFee) }, { total: '325.00', fee: '1.63' });
    const usdBefore = await balancesOf(alice, usd);
    const confirmed = await alice.post(EX.confirm, { ExchangeId: sold.id });
    const c = assertOk(confirmed).details as Item;
    assert.equal(c.status, 'Completed');
    assert.deepEqual(texts(confirmed, 'executedAmount', 'executedPrice', 'commissionFee'), { executedAmount: '0.00500000', executedPrice: '325.00', commissionFee: '1.63' });
    const after = await balancesOf(alice, usd);
    assert.equal((Math.round((Number(after.total) - Number(usdBefore.total)) * 100) / 100).toFixed(2), '323.37');
    assert.deepEqual(await balancesOf(alice, btc), { total: held.total, available: held.available, pending: '0.00000000' });
    const fee = await transactionDetail(alice, c.feeTransactionsId as number);
    assert.equal(fee.originalTransactionId, c.toTransactionsId);
    await setPrice(alice, 'BTC/USD', '64000.00');
    // Confirming again, cancelling or reviewing a completed sell: not waiting.
    await refusedWithoutWrites(server, alice, [btc, usd], () => alice.post(EX.confirm, { ExchangeId: sold.id }), 400, 'ExchangeId:Exchange_Not_Waiting');
    await refusedWithoutWrites(server, alice, [btc], () => alice.post(EX.cancel, { ExchangeId: sold.id }), 400, 'ExchangeId:Exchange_Not_Waiting');
    assertError(await alice.get(`${EX.review}?ExchangeId=${String(sold.id)}`), 400, 'ExchangeId:Exchange_Not_Waiting');
    await assertLedgerSound(server);
  });

  test('an expired sell quote cannot be confirmed (Quote_Expired); a review renews it', async () => {
    const [btc] = await accountsOf(server, alice.principal.customersId, 'BTC');
    assert.ok(btc !== undefined);
    const sold = await sellOk(alice, 'BTC/USD', 'Amount', '0.001');
    server.clock.advance(61_000);
    await alice.relogin();
    await refusedWithoutWrites(server, alice, [btc, usd], () => alice.post(EX.confirm, { ExchangeId: sold.id }), 400, 'ExchangeId:Quote_Expired');
    assertOk(await alice.get(`${EX.review}?ExchangeId=${String(sold.id)}`));
    assert.equal((assertOk(await alice.post(EX.confirm, { ExchangeId: sold.id })).details as Item).status, 'Completed');
  });

  test('a waiting sell can be cancelled once: the hold is released', async () => {
    const [btc] = await accountsOf(server, alice.principal.customersId, 'BTC');
    assert.ok(btc !== undefined);
    const before = await balancesOf(alice, btc);
    const sold = await sellOk(alice, 'BTC/USD', 'Price', '64.00');
    assert.notDeepEqual(await balancesOf(alice, btc), before);
    const cancelled = assertOk(await alice.post(EX.cancel, { ExchangeId: sold.id })).details as Item;
    assert.equal(cancelled.status, 'Cancelled');
    assert.deepEqual(await balancesOf(alice, btc), before);
    await refusedWithoutWrites(server, alice, [btc], () => alice.post(EX.cancel, { ExchangeId: sold.id }), 400, 'ExchangeId:Exchange_Not_Waiting');
    await refusedWithoutWrites(server, alice, [btc], () => alice.post(EX.confirm, { ExchangeId: sold.id }), 400, 'ExchangeId:Exchange_Not_Waiting');
    await assertLedgerSound(server);
  });

  test('two concurrent confirmations of one sell make exactly one trade', async () => {
    const [btc] = await accountsOf(server, alice.principal.customersId, 'BTC');
    assert.ok(btc !== undefined);
    const sold = await sellOk(alice, 'BTC/USD', 'Amount', '0.001');
    const rows = (await tradeRowCounts(server)).transactions;
    const answers = await Promise.all([
      alice.post(EX.confirm, { ExchangeId: sold.id }),
      alice.post(EX.confirm, { ExchangeId: sold.id }),
      alice.post(EX.confirm, { ExchangeId: sold.id }),
    ]);
    const ok = answers.filter((r) => r.statusCode === 200);
    assert.equal(ok.length, 1, answers.map((r) => r.body).join('\n'));
    for (const r of answers.filter((x) => x.statusCode !== 200)) {
      assert.equal(r.statusCode, 400, r.body);
      assert.ok(
        ['ExchangeId:Quote_Expired', 'ExchangeId:Exchange_Not_Waiting'].includes(
          `${(json(r).errors as Item[])[0]?.fieldName as string}:${(json(r).errors as Item[])[0]?.messageCode as string}`,
        ),
        r.body,
      );
    }
    assert.equal((await tradeRowCounts(server)).transactions, rows + 3, 'one trade: two legs and a fee');
    await assertLedgerSound(server);
  });

  test('bad input: each refused with its code, nothing written', async () => {
    const accounts = [usd, eur];
    const refuse = (send: () => ReturnType<typeof trade>, ...codes: string[]) => refusedWithoutWrites(server, alice, accounts, send, 400, ...codes);
    await refuse(() => trade(alice, EX.buy, 'DOGE/USD', 'Amount', '1'), 'AssetPair:Invalid');
    await refuse(() => trade(alice, EX.buy, 'EUR/USD', 'Amount', '1'), 'AssetPair:Invalid');
    await refuse(() => trade(alice, EX.sell, 'EUR/USD', 'Amount', '1'), 'AssetPair:Invalid');
    await refuse(() => trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.00009'), 'Amount:Trade_Amount_Out_Of_Range');
    await refuse(() => trade(alice, EX.buy, 'BTC/USD', 'Amount', '100.00000001'), 'Amount:Trade_Amount_Out_Of_Range');
    await refuse(() => trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.000100001'), 'Amount:Invalid');
    // ETH has 18 decimals but the pair allows 8 (MaxDecimalPrecision): never rounded.
    await refuse(() => trade(alice, EX.buy, 'ETH/USD', 'Amount', '0.001000001'), 'Amount:Invalid');
    await refuse(() => trade(alice, EX.buy, 'BTC/USD', 'Price', '10.001'), 'Amount:Invalid');
    await refuse(() => trade(alice, EX.buy, 'BTC/USD', 'Amount', '0'), 'Amount:Required');
    await refuse(() => trade(alice, EX.buy, 'BTC/USD', 'Amount', '-1'), 'Amount:Invalid');
    await refuse(() => alice.post(EX.buy, { AssetPair: 'BTC/USD', QuantityType: 'Amount' }), 'Amount:Required');
    await refuse(() => alice.post(EX.buy, { AssetPair: 'BTC/USD', QuantityType: 'Lots', Amount: 1 }), 'QuantityType:Invalid');
    // A value below the pair's MinTradePrice.
    await setPrice(alice, 'USDC/USD', '0.5');
    await refuse(() => trade(alice, EX.buy, 'USDC/USD', 'Amount', '1'), 'Amount:Trade_Price_Out_Of_Range');
    await setPrice(alice, 'USDC/USD', '1.0000');
    // 50.00 EUR covers 0.0008 BTC at 59000 (47.20) but not with the commission it is 47.44; 0.00084 (49.56 + 0.25 = 49.81) fits.
    await refuse(() => trade(alice, EX.buy, 'BTC/EUR', 'Price', '49.80'), 'Amount:Insufficient_Funds');
    await refuse(() => trade(alice, EX.sell, 'ETH/BTC', 'Amount', '1000'), 'Amount:Insufficient_Funds');
    await refusedWithoutWrites(
      server,
      alice,
      accounts,
      () => trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.01', { CustomersId: bob.principal.customersId }),
      404,
      'CustomersId:Not_Found',
    );
    // A disabled pair does not trade; set enables it again.
    const disabled = await server.cli(['pairs', 'disable', '--pair', 'BTC/EUR']);
    assert.equal(disabled.exitCode, 0, disabled.stderr);
    await refuse(() => trade(alice, EX.buy, 'BTC/EUR', 'Amount', '0.0001'), 'AssetPair:Invalid');
    assert.ok(!(assertOk(await alice.get(`${EX.pairs}?PageSize=50`)).details as Item[]).some((p) => p.assetPair === 'BTC/EUR'));
    assert.equal((await server.cli(['pairs', 'set', '--pair', 'BTC/EUR'])).exitCode, 0);
    assertOk(await trade(alice, EX.buy, 'BTC/EUR', 'Amount', '0.0001'));
  });

  test("another principal's exchange is not found (404), nothing revealed", async () => {
    const mine = await sellOk(alice, 'BTC/USD', 'Amount', '0.0001');
    assertError(await bob.get(`${EX.get}?Id=${String(mine.id)}`), 404, 'Id:Not_Found');
    assertError(await bob.get(`${EX.review}?ExchangeId=${String(mine.id)}`), 404, 'ExchangeId:Not_Found');
    await refusedWithoutWrites(server, bob, [bobUsd], () => bob.post(EX.confirm, { ExchangeId: mine.id }), 404, 'ExchangeId:Not_Found');
    await refusedWithoutWrites(server, bob, [bobUsd], () => bob.post(EX.cancel, { ExchangeId: mine.id }), 404, 'ExchangeId:Not_Found');
    assertError(await bob.get(`${EX.get}?Id=999999`), 404, 'Id:Not_Found');
    assert.deepEqual(assertOk(await bob.get(EX.list)).details, []);
    assertOk(await alice.post(EX.cancel, { ExchangeId: mine.id }));
  });

  test('list (newest first, Status, CustomersId, dates) and get', async () => {
    // Two sells left waiting, each with its own quote, then a review that makes the first's a newer one.
    const first = await sellOk(alice, 'BTC/USD', 'Amount', '0.0001');
    await sellOk(alice, 'BTC/USD', 'Amount', '0.0002');
    assertOk(await alice.get(`${EX.review}?ExchangeId=${String(first.id)}`));
    const all = assertOk(await alice.get(`${EX.list}?PageSize=100`)).details as Item[];
    assert.ok(all.length >= 8);
    const ids = all.map((e) => e.id as number);
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    const cancelled = assertOk(await alice.get(`${EX.list}?Status=Cancelled&PageSize=100`)).details as Item[];
    assert.ok(cancelled.length >= 2 && cancelled.every((e) => e.status === 'Cancelled'));
    assert.deepEqual(assertOk(await alice.get(`${EX.list}?FromDate=2000-01-01&ToDate=2000-01-02`)).details, []);
    assertError(await alice.get(`${EX.list}?Status=Nope`), 400, 'Status:Invalid');
    assertError(await alice.get(`${EX.list}?CustomersId=${bob.principal.customersId}`), 404, 'CustomersId:Not_Found');
    const page = assertOk(await alice.get(`${EX.list}?PageSize=3`));
    assert.equal((page.details as Item[]).length, 3);
    // Every listed exchange is what get answers for it (the list reads pairs and quotes for the whole page at once).
    assert.equal(all.filter((e) => e.status === 'WaitingForConfirmation').length >= 2, true);
    for (const one of all) {
      const got = assertOk(await alice.get(`${EX.get}?id=${String(one.id)}`));
      assert.equal(got.id, one.id);
      assert.deepEqual(got.details, one);
    }
  });

  test('managees trade through their principal once accepted; before that Documents_Not_Verified', async () => {
    const pending = await createManagee(alice);
    await refusedWithoutWrites(
      server,
      alice,
      [usd],
      () => trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.001', { CustomersId: pending.manageesId }),
      400,
      'CustomersId:Documents_Not_Verified',
    );
    const accepted = await acceptedManagee(alice);
    const [mUsd] = await accountsOf(server, accepted.manageesId, 'USD');
    assert.ok(mUsd !== undefined, 'the managee got a USD account like its manager');
    assertOk(await alice.postRaw(PATHS.payIns, `{"DestinationAccountId":${mUsd},"TransferType":"ACH","Amount":1000}`));
    const bought = await buyOk(alice, 'BTC/USD', 'Amount', '0.001', { CustomersId: String(accepted.manageesId) });
    assert.equal(bought.customersId, accepted.manageesId);
    assert.equal(bought.fromCustomerAssetAccountId, mUsd);
    const listed = assertOk(await alice.get(`${EX.list}?CustomersId=${accepted.manageesId}`)).details as Item[];
    assert.deepEqual(
      listed.map((e) => e.id),
      [bought.id],
    );
    await assertLedgerSound(server);
  });

  test('an IdempotencyKey replay of a buy trades once', async () => {
    const rows = (await tradeRowCounts(server)).exchanges;
    const key = { IdempotencyKey: '6f1c2b7e-1d2a-4c4e-9a53-2f6d1a9b0c11' };
    const first = await trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.0002', {}, key);
    const second = await trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.0002', {}, key);
    assert.equal(first.body, second.body);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal((await tradeRowCounts(server)).exchanges, rows + 1);
    assertError(await trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.0003', {}, key), 409, 'IdempotencyKey:Idempotency_Key_Reused');
  });

  test('a sell naming a payee sends its net proceeds out as a pending external transfer', async () => {
    const payee = assertOk(
      await alice.post('/api/v3/customer/payees/create', {
        CustomersId: alice.principal.customersId,
        TransferType: 'ACH',
        PayeeType: 'Personal',
        Name: 'Joe Receiver',
        AccountName: 'Joe R',
        AccountNumber: '123456789',
        RoutingNumber: '021000021',
        Type: 'Individual',
        CountryCode: 'USA',
        AddressLine1: '1 Main St',
        TownCity: 'New York',
        Postcode: '10001',
        State: 'NY',
      }),
    ).details as Item;
    const sold = await sellOk(alice, 'BTC/USD', 'Amount', '0.001', { PayeesId: payee.id });
    assert.equal(sold.payeesId, payee.id);
    assert.equal(sold.transferType, 'ACH');
    const done = assertOk(await alice.post(EX.confirm, { ExchangeId: sold.id })).details as Item;
    assert.equal(typeof done.payoutTransactionsId, 'number');
    const payout = await transactionDetail(alice, done.payoutTransactionsId as number);
    assert.equal(payout.transactionStatus, 'Pending');
    assert.equal(payout.transactionType, 'ExternalTransfer');
    // 0.001 × 64000 = 64.00, commission 0.32: 63.68 leaves.
    assert.equal(numText((exactBody(await alice.get(`${PATHS.transactionV2}?Id=${String(done.payoutTransactionsId)}`)).details as Item).amount), '-63.68');
    await refusedWithoutWrites(server, alice, [usd], () => trade(alice, EX.sell, 'BTC/USD', 'Amount', '0.001', { PayeesId: 999999 }), 404, 'PayeesId:Not_Found');
    await assertLedgerSound(server);
  });

  test('the RFI seam: a screened buy waits in AwaitingRfi with its funds held, then executes or is rejected', async () => {
    const exchanges = server.runtime.exchanges;
    exchanges.setScreen(() => Promise.resolve('rfi'));
    try {
      const before = await balancesOf(alice, usd);
      const held = await buyOk(alice, 'BTC/USD', 'Amount', '0.001');
      assert.equal(held.status, 'AwaitingRfi');
      assert.equal(held.bHasOpenRfi, true);
      assert.equal(held.fromTransactionsId, null);
      const during = await balancesOf(alice, usd);
      assert.notEqual(during.pending, before.pending, 'the funds are held');
      const now = new Date(server.clock.nowMs()).toISOString();
      const done = await server.runtime.database.db.transaction().execute((tx) => exchanges.releaseFromRfi(tx, held.id as number, now));
      assert.equal(done.status, 'Completed');
      const other = await buyOk(alice, 'BTC/USD', 'Amount', '0.001');
      await server.runtime.database.db.transaction().execute((tx) => exchanges.rejectAfterRfi(tx, other.id as number, now));
      assert.equal((assertOk(await alice.get(`${EX.get}?Id=${String(other.id)}`)).details as Item).status, 'Rejected');
    } finally {
      exchanges.setScreen(null);
    }
    await assertLedgerSound(server);
  });

  test('CLI: pairs list/set, prices set/list move what trades', async () => {
    const list = await server.cli(['pairs', 'list', '--json']);
    assert.equal(list.exitCode, 0);
    const pairs = JSON.parse(list.stdout) as Item[];
    assert.equal(pairs.length, 15);
    assert.equal((await server.cli(['pairs', 'set', '--pair', 'EUR/BTC'])).exitCode, 2, 'fiat may only be the quote asset');
    assert.equal((await server.cli(['pairs', 'set', '--pair', 'USD/EUR', '--kind', 'crypto'])).exitCode, 2);
    const added = await server.cli([
      'pairs',
      'set',
      '--pair',
      'USDC/GBP',
      '--commission',
      '0.2',
      '--min-amount',
      '1',
      '--max-amount',
      '5000',
      '--min-price',
      '1',
      '--max-price',
      '10000',
      '--max-decimals',
      '2',
    ]);
    assert.equal(added.exitCode, 0, added.stderr);
    assertError(await trade(alice, EX.buy, 'USDC/GBP', 'Amount', '10'), 400, 'AssetPair:Price_Unavailable');
    assert.equal((await server.cli(['prices', 'set', '--pair', 'USDC/GBP', '--price', '0.79'])).exitCode, 0);
    assert.equal((await server.cli(['prices', 'set', '--pair', 'USDC/GBP', '--price', 'abc'])).exitCode, 2);
    const prices = JSON.parse((await server.cli(['prices', 'list', '--json'])).stdout) as Item[];
    assert.equal(prices.find((p) => p.assetPair === 'USDC/GBP')?.price, '0.79');
    assertError(await trade(alice, EX.buy, 'USDC/GBP', 'Amount', '10.001'), 400, 'Amount:Invalid');
    assertError(await trade(alice, EX.buy, 'USDC/GBP', 'Amount', '10'), 400, 'Amount:Insufficient_Funds');
    assertError(await alice.post(EX.prices, { AssetPair: 'NOPE/USD', Price: 1 }), 400, 'AssetPair:Invalid');
    assertError(await alice.post(EX.prices, { AssetPair: 'BTC/USD', Price: 0 }), 400, 'Price:Required');
    assertError(await alice.post(EX.prices, { AssetPair: 'BTC/USD', Price: -5 }), 400, 'Price:Invalid');
  });
});

describe('crypto exchanges: approval, stale prices, callbacks', () => {
  let server: TestServer;
  let alice: Api;
  let usd: number;
  let receiver: NonNullable<Awaited<ReturnType<typeof createWorld<{ callbackPath: string }>>>['receiver']>;

  before(async () => {
    const world = await createWorld({
      env: { EXCHANGE_APPROVAL_ABOVE: 'USD=1000', PRICE_STALE_AFTER_SECONDS: '300' },
      accounts: { usd: { asset: 'USD', payIn: '20000.00' } },
      callbackPath: '/hooks',
    });
    ({ server, api: alice, receiver } = world);
    usd = world.accounts.usd;
    await setPrice(alice, 'BTC/USD', '64000.00');
  });
  after(async () => {
    await receiver?.close();
    await server?.close();
  });

  test('a buy above EXCHANGE_APPROVAL_ABOVE waits with its funds held; the operator approves or rejects', async () => {
    const big = await buyOk(alice, 'BTC/USD', 'Amount', '0.1');
    assert.equal(big.status, 'WaitingForApproval');
    assert.deepEqual(await balancesOf(alice, usd), { total: '13568.00', available: '13568.00', pending: '-6432.00' });
    const waiting = await server.cli(['exchanges', 'list-waiting', '--json']);
    assert.deepEqual(
      (JSON.parse(waiting.stdout) as Item[]).map((e) => e.id),
      [big.id],
    );
    const approved = await server.cli(['exchanges', 'approve', '--id', String(big.id)]);
    assert.equal(approved.exitCode, 0, approved.stderr);
    assert.match(approved.stdout, /Completed/);
    assert.deepEqual(await balancesOf(alice, usd), { total: '13568.00', available: '13568.00', pending: '0.00' });
    assert.equal((await server.cli(['exchanges', 'approve', '--id', String(big.id)])).exitCode, 1);
    const other = await buyOk(alice, 'BTC/USD', 'Amount', '0.05');
    assert.equal(other.status, 'WaitingForApproval');
    assert.equal((await server.cli(['exchanges', 'reject', '--id', String(other.id)])).exitCode, 0);
    assert.equal((assertOk(await alice.get(`${EX.get}?Id=${String(other.id)}`)).details as Item).status, 'Rejected');
    assert.deepEqual(await balancesOf(alice, usd), { total: '13568.00', available: '13568.00', pending: '0.00' });
    assert.equal((await server.cli(['exchanges', 'approve', '--id', '999999'])).exitCode, 1);
    await assertLedgerSound(server);
  });

  test('a sell above the threshold waits for approval after its confirmation, its crypto still held', async () => {
    const sold = await sellOk(alice, 'BTC/USD', 'Amount', '0.02');
    assert.equal(sold.status, 'WaitingForConfirmation');
    const waiting = assertOk(await alice.post(EX.confirm, { ExchangeId: sold.id })).details as Item;
    assert.equal(waiting.status, 'WaitingForApproval');
    assert.equal(waiting.fromTransactionsId, null);
    const btc = sold.fromCustomerAssetAccountId as number;
    assert.equal((await balancesOf(alice, btc)).pending, '-0.02000000');
    assertError(await alice.post(EX.cancel, { ExchangeId: sold.id }), 400, 'ExchangeId:Exchange_Not_Waiting');
    assert.equal((await server.cli(['exchanges', 'approve', '--id', String(sold.id)])).exitCode, 0);
    const done = assertOk(await alice.get(`${EX.get}?Id=${String(sold.id)}`)).details as Item;
    assert.equal(done.status, 'Completed');
    assert.equal((await balancesOf(alice, btc)).pending, '0.00000000');
    assert.equal((await server.cli(['exchanges', 'approve'])).exitCode, 2);
    assert.equal((await server.cli(['exchanges', 'nope'])).exitCode, 2);
    await assertLedgerSound(server);
  });

  test('EXCHANGE_STATUS_UPDATED reaches the receiver on every status change, with the documented fields', async () => {
    const sold = await sellOk(alice, 'BTC/USD', 'Amount', '0.001');
    assertOk(await alice.post(EX.cancel, { ExchangeId: sold.id }));
    await buyOk(alice, 'BTC/USD', 'Amount', '0.001');
    server.callbacks.start();
    try {
      const exchangeCount = () => receiver.requests.filter((r) => r.rawBody.includes('"EXCHANGE_STATUS_UPDATED"')).length;
      const deadline = Date.now() + 10_000;
      while (exchangeCount() < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await server.callbacks.stop();
    }
    const bodies = receiver.requests.map((r) => JSON.parse(r.rawBody) as { Type: string; Data: Item });
    const exchangeCallbacks = bodies.filter((b) => b.Type === 'EXCHANGE_STATUS_UPDATED');
    // The two approval tests' seven and this test's three (delivery order across callbacks is not promised).
    const expected = [
      'Cancelled',
      'Completed',
      'Completed',
      'Completed',
      'Rejected',
      'WaitingForApproval',
      'WaitingForApproval',
      'WaitingForApproval',
      'WaitingForConfirmation',
      'WaitingForConfirmation',
    ];
    assert.deepEqual(exchangeCallbacks.map((b) => b.Data.Status).sort(), expected);
    assert.deepEqual(
      exchangeCallbacks
        .filter((b) => b.Data.Id === sold.id)
        .map((b) => b.Data.Status)
        .sort(),
      ['Cancelled', 'WaitingForConfirmation'],
    );
    const keys = [
      'Id',
      'ExchangeType',
      'Status',
      'FromTransactionsId',
      'ToTransactionsId',
      'ManageesId',
      'AssetPair',
      'RequestAmount',
      'RequestPrice',
      'ExecutedAmount',
      'ExecutedPrice',
      'CommissionFee',
      'PayeesId',
      'TransferType',
      'bHasOpenRfi',
      'FromCustomerAssetAccountId',
      'ToCustomerAssetAccountId',
    ];
    for (const b of exchangeCallbacks) for (const k of keys) assert.ok(k in b.Data, `${k} in ${JSON.stringify(b.Data)}`);
    assert.ok(exchangeCallbacks.filter((b) => b.Data.Id === sold.id).every((b) => b.Data.ExchangeType === 'Sell'));
    assert.ok(receiver.requests.some((r) => r.rawBody.includes('"ExecutedAmount":0.00100000')));
  });

  test('a price older than PRICE_STALE_AFTER_SECONDS stops the pair (Price_Unavailable) until it is set again', async () => {
    server.clock.advance(301_000);
    await alice.relogin();
    await refusedWithoutWrites(server, alice, [usd], () => trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.001'), 400, 'AssetPair:Price_Unavailable');
    assertError(await alice.postRaw(EX.quote, '{"AssetPair":"BTC/USD","ExchangeType":"Buy","QuantityType":"Amount","Amount":0.001}'), 400, 'AssetPair:Price_Unavailable');
    await setPrice(alice, 'BTC/USD', '64000.00');
    assertOk(await trade(alice, EX.buy, 'BTC/USD', 'Amount', '0.001'));
  });
});
