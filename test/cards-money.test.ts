// Cards: money between accounts and cards. transferfunds (TopUpCard, TopUpAccount, CardToCard), the
// older topup (Deposit, Withdraw) and movefunds; the fee transaction and Amout_Less_Than_Fee;
// Insufficient_Funds on an account or a card; ShareFunds_Failed; the currency, an unknown or foreign
// card or account; idempotent replays. Every refusal writes nothing; the books verify.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertError, assertLedgerSound, assertOk, balancesOf, numText, transactionDetail, type Api } from './helpers/accounts-helpers.js';
import { activeCard, CARD_PATHS, cardBalances, cardRowCounts, cardTransactions, createCard, olderCreateBody, topUpCard } from './helpers/cards-helpers.js';
import { acceptedManagee } from './helpers/managees-helpers.js';
import { exactBody, type TestResponse, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

type Details = Record<string, unknown>;
const REPLAYED = 'idempotent-replayed';

describe('cards: money without a fee', () => {
  let server: TestServer;
  let api: Api;
  let other: Api;
  let usd: number;
  let eur: number;
  let otherUsd: number;

  before(async () => {
    const world = await createWorld({
      accounts: { usd: { asset: 'USD', payIn: '100.00' }, eur: { asset: 'EUR', payIn: '10' } },
      other: { accounts: { usd: { asset: 'USD', payIn: '5.00' } } },
    });
    ({ server, api } = world);
    ({ usd, eur } = world.accounts);
    other = world.other.api;
    otherUsd = world.other.accounts.usd;
  });
  after(async () => {
    await server?.close();
  });

  async function refused(call: () => Promise<TestResponse>, status: number, ...errors: string[]): Promise<void> {
    const before = await cardRowCounts(server);
    const balances = await balancesOf(api, usd);
    assertError(await call(), status, ...errors);
    assert.deepEqual(await cardRowCounts(server), before, 'nothing written');
    assert.deepEqual(await balancesOf(api, usd), balances);
  }

  test('TopUpCard, TopUpAccount, CardToCard: linked rows on both sides; the envelope id is FromTransactionId', async () => {
    const a = await activeCard(api);
    const b = await activeCard(api);
    const up = assertOk(await topUpCard(api, usd, a, '30.00'));
    const upD = up.details as Details;
    assert.equal(up.id, upD.FromTransactionId);
    const accountRow = await transactionDetail(api, upD.FromTransactionId as number);
    assert.ok(JSON.stringify(accountRow).includes('-30'), JSON.stringify(accountRow));
    assert.deepEqual(await balancesOf(api, usd), { total: '70.00', available: '70.00', pending: '0.00' });

    const move = await api.postRaw(
      CARD_PATHS.transferFunds,
      `{"amount":"12.50","reference":"share","transferTypes":"cardtocard","currencyType":"USD","SourceCardId":${a},"DestinationCardId":${b}}`,
    );
    const m = exactBody(move).details as Details;
    assertOk(move);
    assert.equal(numText(m.amount), '12.50');
    assert.equal(m.description, 'Card transfer - Card To Card');
    assert.deepEqual(await cardBalances(api, a), { total: '17.50', available: '17.50', pending: '0.00' });
    assert.deepEqual(await cardBalances(api, b), { total: '12.50', available: '12.50', pending: '0.00' });

    const back = assertOk(await api.postRaw(CARD_PATHS.transferFunds, `{"amount":2.5,"transferTypes":"TopUpAccount","SourceCardId":${b},"CustomerAssetAccountId":${usd}}`));
    assert.equal((back.details as Details).description, 'Card transfer - Withdraw Funds');
    assert.deepEqual(await cardBalances(api, b), { total: '10.00', available: '10.00', pending: '0.00' });
    assert.deepEqual(await balancesOf(api, usd), { total: '72.50', available: '72.50', pending: '0.00' });
    assert.deepEqual(
      (await cardTransactions(api, b)).map((t) => [t.transactionType, t.amount]),
      [
        ['Withdrawal', '-2.50'],
        ['CardToCard', '12.50'],
      ],
    );
    await assertLedgerSound(server);
  });

  test('the older topup (Deposit, Withdraw; amount signed from the account) and movefunds', async () => {
    const card = await activeCard(api);
    const deposit = await api.postRaw(CARD_PATHS.topUp, `{"CustomerAssetAccountsId":${usd},"CardsId":${card},"Amount":10,"Reference":"load","Type":"Deposit"}`);
    assertOk(deposit);
    const d = exactBody(deposit).details as Details;
    assert.equal(numText(d.amount), '-10.00');
    assert.ok(typeof d.dateTime === 'string');
    const withdraw = await api.postRaw(CARD_PATHS.topUp, `{"CustomerAssetAccountsId":${usd},"cardsId":${card},"Amount":"4.00","Type":"withdraw"}`);
    assert.equal(numText((exactBody(withdraw).details as Details).amount), '4.00');
    const second = await activeCard(api);
    const moved = assertOk(await api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"toCardsId":"${second}","amount":1.25}`));
    assert.equal(moved.id, (moved.details as Details).FromTransactionId);
    assert.deepEqual(await cardBalances(api, card), { total: '4.75', available: '4.75', pending: '0.00' });
    assert.deepEqual(await cardBalances(api, second), { total: '1.25', available: '1.25', pending: '0.00' });
    await refused(() => api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"toCardsId":${second},"amount":100}`), 400, 'amount:Insufficient_Funds');
    await refused(() => api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"toCardsId":${card},"amount":1}`), 400, 'amount:ShareFunds_Failed');
    await refused(() => api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"amount":1}`), 400, 'toCardsId:Required');
    await refused(() => api.postRaw(CARD_PATHS.topUp, `{"CustomerAssetAccountsId":${usd},"CardsId":${card},"Amount":1,"Type":"Borrow"}`), 400, 'Type:Invalid');
  });

  test('bad input: amounts, currency, unknown or foreign cards and accounts, a non-USD account, beyond the available balance', async () => {
    const card = await activeCard(api);
    const theirs = await activeCard(other);
    const tf = (body: string) => () => api.postRaw(CARD_PATHS.transferFunds, body);
    const topUp = (amount: string, extra = '') => tf(`{"amount":${amount},"transferTypes":"TopUpCard","DestinationCardId":${card},"CustomerAssetAccountId":${usd}${extra}}`);
    await refused(topUp('1000.00'), 400, 'amount:Insufficient_Funds');
    await refused(topUp('0'), 400, 'amount:Required');
    await refused(topUp('-5'), 400, 'amount:Invalid');
    await refused(topUp('1.001'), 400, 'amount:Invalid');
    await refused(topUp('"ten"'), 400, 'amount:Invalid');
    await refused(topUp('1', ',"currencyType":"EUR"'), 400, 'currencyType:Invalid');
    await refused(topUp('1', ',"currencyType":"dUSD"'), 400, 'currencyType:Invalid');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${theirs},"CustomerAssetAccountId":${usd}}`), 404, 'DestinationCardId:Not_Found');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${card},"CustomerAssetAccountId":${otherUsd}}`), 404, 'CustomerAssetAccountId:Not_Found');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${card},"CustomerAssetAccountId":${eur}}`), 400, 'CustomerAssetAccountId:Invalid');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${card}}`), 400, 'CustomerAssetAccountId:Required');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpCard","CustomerAssetAccountId":${usd}}`), 400, 'DestinationCardId:Required');
    // Another spelling of the card must name the same card (nothing moves otherwise), and a CardToCard has two.
    const second = await activeCard(api);
    await refused(tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${card},"CardsId":${second},"CustomerAssetAccountId":${usd}}`), 400, 'CardsId:Invalid');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpAccount","SourceCardId":${card},"CardId":${second},"CustomerAssetAccountId":${usd}}`), 400, 'CardId:Invalid');
    await refused(tf(`{"amount":1,"transferTypes":"CardToCard","SourceCardId":${card},"DestinationCardId":${second},"CardsId":${card}}`), 400, 'CardsId:Invalid');
    await refused(tf(`{"amount":1,"transferTypes":"Sideways","DestinationCardId":${card},"CustomerAssetAccountId":${usd}}`), 400, 'transferTypes:Invalid');
    await refused(tf(`{"amount":1,"transferTypes":"TopUpAccount","SourceCardId":${card},"CustomerAssetAccountId":${usd}}`), 400, 'amount:Insufficient_Funds');
    await refused(tf(`{"amount":1,"transferTypes":"CardToCard","SourceCardId":${card},"DestinationCardId":${theirs}}`), 404, 'DestinationCardId:Not_Found');
    await refused(() => other.postRaw(CARD_PATHS.topUp, `{"CustomerAssetAccountsId":${otherUsd},"CardsId":${card},"Amount":1,"Type":"Deposit"}`), 404, 'CardsId:Not_Found');
    await refused(
      tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${card},"CustomersId":${other.principal.customersId},"CustomerAssetAccountId":${usd}}`),
      404,
      'CustomersId:Not_Found',
    );
    const { manageesId } = await acceptedManagee(api);
    await refused(
      tf(`{"amount":1,"transferTypes":"TopUpCard","DestinationCardId":${card},"CustomersId":${manageesId},"CustomerAssetAccountId":${usd}}`),
      404,
      'DestinationCardId:Not_Found',
    );
  });

  test('a closed or unapproved card takes no money (Card_Inactive, ShareFunds_Failed); a deactivated one may be loaded', async () => {
    const { manageesId } = await acceptedManagee(api);
    const waiting = await createCard(api, olderCreateBody(manageesId));
    await refused(() => topUpCard(api, usd, waiting, '1.00'), 400, 'DestinationCardId:Card_Inactive');
    const card = await activeCard(api);
    await refused(() => api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"toCardsId":${waiting},"amount":1}`), 400, 'amount:ShareFunds_Failed');
    const inactive = await createCard(api, olderCreateBody(api.principal.customersId));
    assertOk(await topUpCard(api, usd, inactive, '1.00'));
  });

  test('IdempotencyKey: a retried top-up moves money once; another body with the key is 409', async () => {
    const card = await activeCard(api);
    const before = await balancesOf(api, usd);
    const key = { IdempotencyKey: '5b2f8c3e-0d0e-4d55-9b7e-1f0c7e0b9a11' };
    const first = await topUpCard(api, usd, card, '3.00', key);
    const again = await topUpCard(api, usd, card, '3.00', key);
    assert.equal(again.headers[REPLAYED], 'true');
    assert.equal(again.body, first.body);
    assertError(await topUpCard(api, usd, card, '4.00', key), 409, 'IdempotencyKey:Idempotency_Key_Reused');
    const after = await balancesOf(api, usd);
    assert.equal(Number(before.total) - Number(after.total), 3);
  });
});

describe('cards: money with a fee', () => {
  let server: TestServer;
  let api: Api;
  let usd: number;

  before(async () => {
    const world = await createWorld({ env: { CARD_TRANSFER_FEE_CENTS: '150' }, accounts: { usd: { asset: 'USD', payIn: '20.00' } } });
    ({ server, api } = world);
    ({ usd } = world.accounts);
  });
  after(async () => {
    await server?.close();
  });

  test('the fee is taken out of the amount as its own transaction; Amout_Less_Than_Fee at or below it', async () => {
    const card = await activeCard(api);
    const response = await topUpCard(api, usd, card, '10.00');
    const d = exactBody(response).details as Details;
    const body = assertOk(response);
    assert.equal(numText(d.amount), '10.00');
    assert.equal(numText(d.feeAmount), '1.50');
    const feeId = (body.details as Details).FeeTransactionId as number;
    assert.ok(feeId > 0);
    const fee = await transactionDetail(api, feeId);
    assert.ok(JSON.stringify(fee).includes('-1.5'), JSON.stringify(fee));
    assert.deepEqual(await balancesOf(api, usd), { total: '10.00', available: '10.00', pending: '0.00' });
    assert.deepEqual(await cardBalances(api, card), { total: '8.50', available: '8.50', pending: '0.00' });
    for (const amount of ['1.50', '1.00']) {
      const before = await cardRowCounts(server);
      assertError(await topUpCard(api, usd, card, amount), 400, 'amount:Amout_Less_Than_Fee');
      assert.deepEqual(await cardRowCounts(server), before);
    }
    const second = await activeCard(api);
    const moved = assertOk(await api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"toCardsId":${second},"amount":5}`));
    assert.ok(((moved.details as Details).FeeTransactionId as number) > 0);
    assert.deepEqual(await cardBalances(api, card), { total: '3.50', available: '3.50', pending: '0.00' });
    assert.deepEqual(await cardBalances(api, second), { total: '3.50', available: '3.50', pending: '0.00' });
    assert.deepEqual(
      (await cardTransactions(api, card)).map((t) => [t.transactionType, t.amount]),
      [
        ['Fee', '-1.50'],
        ['CardToCard', '-3.50'],
        ['TopUp', '8.50'],
      ],
    );
    await assertLedgerSound(server);
  });
});
