// Foreign currency exchange over HTTP (docs/exchanges.md): pairs, account-details, binding quotes
// by source or destination amount, execution once within FX_QUOTE_TTL_SECONDS as one journal (two
// linked transactions and a fee, the destination account opened if missing), list; every bad input
// refused with nothing written; another principal's quote is 404; two concurrent executions: one trade.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { assertError, assertLedgerSound, assertOk, balancesOf, numText, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { acceptedManagee, createManagee } from './helpers/managees-helpers.js';
import { FX, fxQuote, refusedWithoutWrites, setPrice, tradeRowCounts, type Item } from './helpers/exchanges-helpers.js';
import { createWorld } from './helpers/world.js';

describe('foreign exchange', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number;
  let gbp: number;

  before(async () => {
    const world = await createWorld({
      accounts: { usd: { asset: 'USD', payIn: '10000.00' }, gbp: { asset: 'GBP' }, btc: { asset: 'BTC', cryptoDeposit: '1' } },
      other: { accounts: { usd: { asset: 'USD', payIn: '100.00' } } },
    });
    ({ server, api: alice } = world);
    ({ usd, gbp } = world.accounts);
    ({ api: bob } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  const quoteOk = async (fields: Record<string, unknown>, literals: Record<string, string>) => {
    const response = await fxQuote(alice, fields, literals);
    assertOk(response);
    return { plain: JSON.parse(response.body).details as Item, exact: exactBody(response).details as Item };
  };

  test('pairs lists the FX pairs (no crypto); account-details names candidate accounts', async () => {
    const pairs = assertOk(await alice.get(`${FX.pairs}?PageSize=50`)).details as Item[];
    assert.deepEqual(pairs.map((p) => p.assetPair).sort(), ['AUD/USD', 'EUR/GBP', 'EUR/USD', 'GBP/USD', 'USD/AED', 'USD/CNH', 'USD/HKD', 'USD/SGD']);
    const details = assertOk(await alice.get(`${FX.accountDetails}?SourceCurrency=USD&DestinationCurrency=GBP&AssetExchangeType=Sell`)).details as Item;
    assert.deepEqual(
      (details.sourceAccounts as Item[]).map((a) => a.id),
      [usd],
    );
    assert.deepEqual(
      (details.destinationAccounts as Item[]).map((a) => a.id),
      [gbp],
    );
    assert.equal(details.customersId, alice.principal.customersId);
    assertError(await alice.get(`${FX.accountDetails}?SourceCurrency=USD&DestinationCurrency=BTC`), 400, 'DestinationCurrency:Invalid');
    assertError(await alice.get(`${FX.accountDetails}?SourceCurrency=USD&DestinationCurrency=GBP&CustomerId=${bob.principal.customersId}`), 404, 'CustomerId:Not_Found');
  });

  test('quote by SourceAmount, execute: two linked transactions and a fee; the EUR account is opened', async () => {
    const q = await quoteOk({ CustomerId: alice.principal.customersId, SourceCurrency: 'USD', DestinationCurrency: 'EUR' }, { SourceAmount: '100.00' });
    // 100 / 1.085 = 92.1658… → 92.16 (down); fee 0.25 % → 0.2304 → 0.24 (up); 91.92 arrives.
    assert.deepEqual(
      { s: numText(q.exact.sourceAmount), d: numText(q.exact.destinationAmount), f: numText(q.exact.fee), r: numText(q.exact.rate) },
      { s: '100.00', d: '91.92', f: '0.24', r: '1.085' },
    );
    assert.equal(q.plain.destinationAccountId, null);
    assert.equal(q.plain.sourceAccountId, usd);
    const journals = (await tradeRowCounts(server)).ledger_journals;
    const executed = assertOk(await alice.post(FX.execute, { QuoteId: q.plain.id })).details as Item;
    assert.equal((await tradeRowCounts(server)).ledger_journals, journals + 1, 'one journal per executed trade');
    const eur = executed.destinationAccountId as number;
    assert.deepEqual(await balancesOf(alice, eur), { total: '91.92', available: '91.92', pending: '0.00' });
    assert.deepEqual(await balancesOf(alice, usd), { total: '9900.00', available: '9900.00', pending: '0.00' });
    const from = await transactionDetail(alice, executed.fromTransactionsId as number);
    const to = await transactionDetail(alice, executed.toTransactionsId as number);
    assert.equal(from.transactionType, 'ForeignExchange');
    assert.deepEqual(from.assetExchangeTransferDetails, to.assetExchangeTransferDetails);
    const d = from.assetExchangeTransferDetails as Item;
    assert.deepEqual(
      [d.fromAsset, d.toAsset, d.fromTransactionsId, d.toTransactionsId, d.toCustomerAssetAccountId],
      ['USD', 'EUR', executed.fromTransactionsId, executed.toTransactionsId, eur],
    );
    assert.equal(to.feeTransactionId, executed.feeTransactionId);
    const fee = await transactionDetail(alice, executed.feeTransactionId as number);
    assert.equal(fee.transactionType, 'Fee');
    const listed = assertOk(await alice.get(FX.list)).details as Item[];
    assert.equal(listed[0]?.id, executed.id);
    assert.deepEqual(assertOk(await bob.get(FX.list)).details, []);
    const house = JSON.parse((await server.cli(['house', 'positions', '--json'])).stdout) as Item[];
    assert.deepEqual(
      house.find((p) => p.asset === 'EUR'),
      { asset: 'EUR', house: '-92.16', revenue: '0.24', reserved: '0' },
    );
    await assertLedgerSound(server);
  });

  test('quote by DestinationAmount: the destination gets exactly that; the source rounds up', async () => {
    const q = await quoteOk({ SourceCurrency: 'USD', DestinationCurrency: 'GBP', SourceAccountId: usd, DestinationAccountId: gbp }, { DestinationAmount: '50.00' });
    // gross = 50 / 0.9975 = 50.1253… → 50.13; fee 0.13; source = 50.13 × 1.27 = 63.6651 → 63.67.
    assert.deepEqual({ s: numText(q.exact.sourceAmount), d: numText(q.exact.destinationAmount), f: numText(q.exact.fee) }, { s: '63.67', d: '50.00', f: '0.13' });
    assertOk(await alice.post(FX.execute, { QuoteId: q.plain.id }));
    assert.deepEqual(await balancesOf(alice, gbp), { total: '50.00', available: '50.00', pending: '0.00' });
  });

  test('bad input: both or neither amount, crypto or unknown currencies, decimals, foreign accounts, funds', async () => {
    const refuse = (fields: Record<string, unknown>, literals: Record<string, string>, status: number, ...codes: string[]) =>
      refusedWithoutWrites(server, alice, [usd, gbp], () => fxQuote(alice, fields, literals), status, ...codes);
    const pair = { SourceCurrency: 'USD', DestinationCurrency: 'GBP' };
    await refuse(pair, { SourceAmount: '10', DestinationAmount: '10' }, 400, 'DestinationAmount:Invalid');
    await refuse(pair, {}, 400, 'SourceAmount:Required');
    await refuse(pair, { SourceAmount: '0' }, 400, 'SourceAmount:Required');
    await refuse(pair, { SourceAmount: '10.001' }, 400, 'SourceAmount:Invalid');
    await refuse(pair, { SourceAmount: '-10' }, 400, 'SourceAmount:Invalid');
    await refuse({ SourceCurrency: 'BTC', DestinationCurrency: 'USD' }, { SourceAmount: '1' }, 400, 'SourceCurrency:Invalid');
    await refuse({ SourceCurrency: 'USD', DestinationCurrency: 'USD' }, { SourceAmount: '1' }, 400, 'DestinationCurrency:Invalid');
    await refuse({ SourceCurrency: 'AED', DestinationCurrency: 'GBP' }, { SourceAmount: '1' }, 400, 'DestinationCurrency:Invalid');
    await refuse({ SourceCurrency: 'XYZ', DestinationCurrency: 'GBP' }, { SourceAmount: '1' }, 400, 'SourceCurrency:Invalid');
    await refuse(pair, { SourceAmount: '0.50' }, 400, 'SourceAmount:Trade_Amount_Out_Of_Range');
    await refuse(pair, { SourceAmount: '2000000' }, 400, 'SourceAmount:Trade_Amount_Out_Of_Range');
    await refuse({ ...pair, SourceAccountId: gbp }, { SourceAmount: '10' }, 400, 'SourceAccountId:Invalid');
    await refuse({ ...pair, CustomerId: bob.principal.customersId }, { SourceAmount: '10' }, 404, 'CustomerId:Not_Found');
    await refuse({ SourceCurrency: 'AED', DestinationCurrency: 'USD' }, { SourceAmount: '10' }, 400, 'SourceAmount:Insufficient_Funds');
    // A quote for more than the balance is given; executing it is refused (fees included), nothing moves.
    const tooMuch = await quoteOk(pair, { SourceAmount: '9900' });
    await refusedWithoutWrites(server, alice, [usd, gbp], () => alice.post(FX.execute, { QuoteId: tooMuch.plain.id }), 400, 'QuoteId:Insufficient_Funds');
    const pending = await createManagee(alice);
    await refuse({ ...pair, CustomerId: pending.manageesId }, { SourceAmount: '10' }, 400, 'CustomerId:Documents_Not_Verified');
  });

  test('a used or expired quote is Quote_Expired; another principal gets 404', async () => {
    const used = await quoteOk({ SourceCurrency: 'USD', DestinationCurrency: 'GBP' }, { SourceAmount: '10' });
    assertOk(await alice.post(FX.execute, { QuoteId: used.plain.id }));
    await refusedWithoutWrites(server, alice, [usd, gbp], () => alice.post(FX.execute, { QuoteId: used.plain.id }), 400, 'QuoteId:Quote_Expired');
    const mine = await quoteOk({ SourceCurrency: 'USD', DestinationCurrency: 'GBP' }, { SourceAmount: '10' });
    await refusedWithoutWrites(server, alice, [usd, gbp], () => bob.post(FX.execute, { QuoteId: mine.plain.id }), 404, 'QuoteId:Not_Found');
    server.clock.advance(61_000);
    await alice.relogin();
    await refusedWithoutWrites(server, alice, [usd, gbp], () => alice.post(FX.execute, { QuoteId: mine.plain.id }), 400, 'QuoteId:Quote_Expired');
    assertError(await alice.post(FX.execute, { QuoteId: 'x' }), 400, 'QuoteId:Invalid');
  });

  test('an IdempotencyKey replay of a quote answers the same quote', async () => {
    const key = { IdempotencyKey: 'b6f2a0a4-6f0e-4d8e-9a55-0c3f7d7a1e21' };
    const first = await alice.postRaw(FX.quote, '{"SourceCurrency":"USD","DestinationCurrency":"GBP","SourceAmount":12}', key);
    const again = await alice.postRaw(FX.quote, '{"SourceCurrency":"USD","DestinationCurrency":"GBP","SourceAmount":12}', key);
    assertOk(first);
    assert.equal(again.body, first.body);
    assert.equal(again.headers['idempotent-replayed'], 'true');
  });

  test('two concurrent executions of one quote: exactly one trade', async () => {
    const q = await quoteOk({ SourceCurrency: 'USD', DestinationCurrency: 'GBP' }, { SourceAmount: '20' });
    const rows = await tradeRowCounts(server);
    const answers = await Promise.all([1, 2, 3].map(() => alice.post(FX.execute, { QuoteId: q.plain.id })));
    assert.equal(answers.filter((r) => r.statusCode === 200).length, 1, answers.map((r) => r.body).join('\n'));
    for (const r of answers.filter((x) => x.statusCode !== 200)) assertError(r, 400, 'QuoteId:Quote_Expired');
    const after = await tradeRowCounts(server);
    assert.equal(after.fx_exchanges, rows.fx_exchanges + 1);
    assert.equal(after.transactions, rows.transactions + 3);
    await assertLedgerSound(server);
  });

  test('a managee converts through its principal (CustomerId) once accepted; a moved price moves the quote', async () => {
    const m = await acceptedManagee(alice);
    const mUsd = (
      await server.runtime.database.db.selectFrom('accounts').select('id').where('customers_id', '=', m.manageesId).where('asset', '=', 'USD').executeTakeFirstOrThrow()
    ).id;
    assertOk(await alice.postRaw('/api/v1/customer/simulations/payins', `{"DestinationAccountId":${mUsd},"TransferType":"ACH","Amount":500}`));
    await setPrice(alice, 'USD/SGD', '1.5');
    const q = await quoteOk({ CustomerId: String(m.manageesId), SourceCurrency: 'usd', DestinationCurrency: 'sgd' }, { SourceAmount: '100' });
    assert.equal(numText(q.exact.destinationAmount), '149.62');
    const done = assertOk(await alice.post(FX.execute, { QuoteId: q.plain.id })).details as Item;
    assert.equal(done.customerId, m.manageesId);
    const listed = assertOk(await alice.get(`${FX.list}?CustomerId=${m.manageesId}`)).details as Item[];
    assert.deepEqual(
      listed.map((e) => e.id),
      [done.id],
    );
    await assertLedgerSound(server);
  });
});
