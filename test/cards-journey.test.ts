// Cards, tried as a new user would (issue 13 "Done when"): the real client's compliancefields and
// older create body succeed as sent; then create, activate, top up, authorize 25.00 at a merchant,
// capture 20.00 (5.00 released), the card's balances and transactions, sensitive details read once
// (audited, sealed at rest), and the PIN set then changed; every call with a real TOTP code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { luhnValid } from '../src/shared/card-number.js';
import { assertLedgerSound, assertOk, balancesOf, numText, type Api } from './helpers/accounts-helpers.js';
import { authorized, capture, CARD_PATHS, cardBalances, cardTransactions, createCard, newCreateBody, olderCreateBody, storedCard, topUpCard } from './helpers/cards-helpers.js';
import { exactBody, type TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

describe('cards: the journey of a new user', () => {
  let server: TestServer;
  let api: Api;
  let usd: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '100.00' } } });
    ({ server, api } = world);
    ({ usd } = world.accounts);
  });
  after(async () => {
    await server?.close();
  });

  test("the real client's two calls succeed with its exact bodies", async () => {
    const fields = assertOk(await api.get(CARD_PATHS.complianceFields)).details as Record<string, { id: number }[]>;
    assert.ok(fields.customerSubtypes?.some((c) => c.id === 1));
    assert.ok(fields.businessActivityTypes?.some((c) => c.id === 878));
    assert.ok(fields.occupationTypes?.some((c) => c.id === 11));
    assert.ok(fields.sourceOfFundsTypes?.some((c) => c.id === 1936));
    // The real client sends the ids as strings, camelCase, with no card type or shipping.
    const response = await api.postRaw(
      CARD_PATHS.create,
      `{"customersId":"${api.principal.customersId}","currency":"USD","customerSubtype":"1","businessActivityType":"878","occupationType":"11","sourceOfFundsType":"1936"}`,
    );
    const body = assertOk(response) as { id: number; details: Record<string, unknown> };
    const d = body.details as { customersId: number; customersReference: string; card: Record<string, unknown> };
    assert.equal(d.customersId, api.principal.customersId);
    assert.equal(d.customersReference, `CST${api.principal.customersId}`);
    assert.equal(body.id, d.card.id, 'the envelope id is the card id');
    assert.equal(d.card.status, 'Deactivated');
    assert.equal(d.card.currency, 'USD');
    const exact = (exactBody(response).details as { card: Record<string, unknown> }).card;
    assert.equal(numText(exact.totalBalance), '0.00');
    assert.deepEqual(Object.keys(d.card).sort(), ['availableBalance', 'currency', 'id', 'pendingBalance', 'status', 'totalBalance']);
  });

  test('create (new body), activate, top up, authorize 25.00, capture 20.00: 5.00 released; balances, transactions, sensitive details, PIN', async () => {
    const card = await createCard(api, newCreateBody(api.principal.customersId));
    const activated = assertOk(await api.post(CARD_PATHS.activate, { cardsId: card })) as { id: number; details: { card: { status: string; cardNumber: string } } };
    assert.equal(activated.id, card);
    assert.equal(activated.details.card.status, 'Active');
    assert.match(activated.details.card.cardNumber, /^\*{4} \*{4} \*{4} \d{4}$/, 'only a masked number outside sensitive-details');

    const topUp = await topUpCard(api, usd, card, '50.00');
    const t = assertOk(topUp) as { id: number; details: Record<string, unknown> };
    const te = exactBody(topUp).details as Record<string, unknown>;
    assert.equal(t.id, t.details.FromTransactionId);
    assert.equal(numText(te.amount), '50.00');
    assert.equal(numText(te.feeAmount), '0.00');
    assert.equal(t.details.FeeTransactionId, null);
    assert.equal(t.details.description, 'Card transfer - Top Up Funds');
    assert.deepEqual(await balancesOf(api, usd), { total: '50.00', available: '50.00', pending: '0.00' });
    assert.deepEqual(await cardBalances(api, card), { total: '50.00', available: '50.00', pending: '0.00' });

    const authorization = await authorized(api, card, '25.00');
    assert.deepEqual(await cardBalances(api, card), { total: '25.00', available: '25.00', pending: '-25.00' });
    const pending = await cardTransactions(api, card);
    assert.equal(pending[0]?.bPending, true);
    assert.equal(pending[0]?.amount, '-25.00');

    const captured = await capture(api, authorization, '20.00');
    const c = exactBody(captured).details as Record<string, unknown>;
    assertOk(captured);
    assert.equal(numText(c.capturedAmount), '20.00');
    assert.equal(numText(c.releasedAmount), '5.00');
    assert.equal(c.status, 'Captured');
    assert.deepEqual(await cardBalances(api, card), { total: '30.00', available: '30.00', pending: '0.00' });
    const rows = await cardTransactions(api, card);
    assert.deepEqual(
      rows.map((r) => [r.transactionType, r.amount, r.bPending, r.status]),
      [
        ['Purchase', '-20.00', false, 'Settled'],
        ['TopUp', '50.00', false, 'Settled'],
      ],
    );
    assert.equal(rows[0]?.description, 'Coffee Shop');

    const details = assertOk(await api.get(`${CARD_PATHS.details}?CardId=${card}`)).details as Record<string, unknown>;
    assert.equal(details.status, 'Active');
    assert.equal(details.customersID, api.principal.customersId);
    assert.equal(details.bHasPin, false);

    const sensitive = assertOk(await api.get(`${CARD_PATHS.sensitive}?CardId=${card}`)).details as Record<string, string>;
    assert.ok(luhnValid(sensitive.cardNumber as string), 'a Luhn-valid number');
    assert.ok((sensitive.cardNumber as string).startsWith('411111'), 'from the test BIN');
    assert.equal((sensitive.cardNumber as string).slice(-4), details.cardLast4);
    assert.match(sensitive.cvc as string, /^\d{3}$/);
    assert.ok(Date.parse(sensitive.expiryDate as string) > server.clock.nowMs());
    const audit = await server.runtime.database.db.selectFrom('card_sensitive_reads').selectAll().where('cards_id', '=', card).execute();
    assert.equal(audit.length, 1, 'the read is audited once');
    assert.deepEqual(Object.keys(audit[0] as object).sort(), ['cards_id', 'date_time', 'id', 'principal_customers_id'], 'no values in the audit');
    const stored = await storedCard(server, card);
    const columns = JSON.stringify(stored);
    assert.ok(!columns.includes(sensitive.cardNumber as string) && !columns.includes(`"${sensitive.cvc}"`), 'number and CVC are sealed at rest');
    assert.ok(!server.logLines.join('').includes(sensitive.cardNumber as string), 'the number is in no log line');

    const set = assertOk(await api.post(CARD_PATHS.changePin, { TopUpCardsId: card, NewPin: '4821' }));
    assert.equal(set.id, 0);
    assert.deepEqual(set.details, { TopUpCardsId: card });
    assertOk(await api.post(CARD_PATHS.changePin, { TopUpCardsId: card, OldPin: '4821', NewPin: '7395' }));
    const pin = (await storedCard(server, card)).pin_hash ?? '';
    assert.ok(pin.startsWith('scrypt$') && !pin.includes('7395'), 'the PIN is a salted hash');
    assert.equal((assertOk(await api.get(`${CARD_PATHS.details}?CardId=${card}`)).details as Record<string, unknown>).bHasPin, true);
    await assertLedgerSound(server);
  });

  test('the older body is accepted under every customer id spelling', async () => {
    for (const key of ['CustomersId', 'CustomerId', 'customersID']) {
      const body = { ...olderCreateBody(api.principal.customersId), customersId: undefined, [key]: api.principal.customersId };
      await createCard(api, body);
    }
  });
});
