// Cards under concurrency: top-ups, withdrawals, card-to-card moves, authorizations, captures and
// reversals on the same two cards and accounts, all at once. None answers 5xx (on PostgreSQL a lock
// taken in the wrong order would be a deadlock, answered 500), the cards never go below zero, and
// the books verify.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertLedgerSound, assertOk, type Api } from './helpers/accounts-helpers.js';
import { activeCard, authorize, authorized, capture, CARD_PATHS, cardBalances, topUpCard } from './helpers/cards-helpers.js';
import type { TestResponse, TestServer } from './helpers/test-server.js';
import { createWorld } from './helpers/world.js';

describe('cards: concurrent money movements', () => {
  let server: TestServer;
  let api: Api;
  let usd: number;
  let usd2: number;

  before(async () => {
    const world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '10000.00' }, usd2: { asset: 'USD', payIn: '10000.00' } } });
    ({ server, api } = world);
    ({ usd, usd2 } = world.accounts);
  });
  after(async () => {
    await server?.close();
  });

  test('mixed operations on two cards at once: no 5xx, nothing overdrawn, verify clean', async () => {
    const cards = [await activeCard(api), await activeCard(api)] as const;
    for (const card of cards) assertOk(await topUpCard(api, usd, card, '100.00'));
    const pending = [await authorized(api, cards[0], '3.00'), await authorized(api, cards[1], '1.00')];
    const calls: Promise<TestResponse>[] = [];
    for (let i = 0; i < 80; i++) {
      const card = cards[i % 2] as number;
      const other = cards[(i + 1) % 2] as number;
      const account = i % 3 === 0 ? usd : usd2;
      switch (i % 6) {
        case 0:
          calls.push(authorize(api, card, '1.00'));
          break;
        case 1:
          calls.push(topUpCard(api, account, card, '2.00'));
          break;
        case 2:
          calls.push(api.postRaw(CARD_PATHS.transferFunds, `{"amount":1,"transferTypes":"TopUpAccount","SourceCardId":${card},"CustomerAssetAccountId":${account}}`));
          break;
        case 3:
          calls.push(api.postRaw(CARD_PATHS.moveFunds, `{"fromCardsId":${card},"toCardsId":${other},"amount":0.5}`));
          break;
        case 4:
          calls.push(api.post(CARD_PATHS.refunds, { CardsId: card, Amount: '0.25', MerchantName: 'Shop' }));
          break;
        default: {
          const auth = pending.shift();
          calls.push(auth === undefined ? authorize(api, card, '0.10') : i % 4 === 1 ? capture(api, auth, '0.50') : api.post(CARD_PATHS.reversals, { AuthorizationId: auth }));
        }
      }
    }
    const answers = await Promise.all(calls);
    const unexpected = answers.filter((r) => r.statusCode !== 200 && !r.body.includes('Insufficient_Funds'));
    assert.deepEqual(
      unexpected.map((r) => `${r.statusCode} ${r.body}`),
      [],
    );
    for (const card of cards) {
      const b = await cardBalances(api, card);
      assert.ok(!b.available.startsWith('-'), `card ${card} available ${b.available}`);
    }
    await assertLedgerSound(server);
  });
});
