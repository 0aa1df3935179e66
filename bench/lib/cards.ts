import type { ApiSession } from './api.js';
import type { LoadFigures } from './load.js';

/**
 * The Cards figure: card authorizations per second through the sandbox simulation endpoint
 * (`POST /api/v1/customer/simulations/cards/authorizations`: a ledger hold on the card and a
 * pending card row in one transaction), measured on the write phase's server right after its
 * internal transfers, so the two are compared within one run. One funded, active card per
 * connection, so no two requests in flight lock the same card.
 */
export const CARD_AUTHORIZATION_PATH = '/api/v1/customer/simulations/cards/authorizations';
export const CARD_AUTHORIZATION_AMOUNT = '0.01';

/** One authorization body per connection, each on its own card topped up with `funding` from a funded USD account. */
export async function cardAuthorizationBodies(session: ApiSession, cards: number, funding: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < cards; i++) {
    const account = await session.createAccount(`Card funding ${i}`);
    await session.payIn(account, funding);
    const created = (await session.call('POST', '/api/v1/customer/cards/create', { customersId: session.principal.customersId, currency: 'USD', cardType: 'Virtual' })) as {
      card: { id: number };
    };
    const card = created.card.id;
    await session.call('POST', '/api/v1/customer/cards/activate', { cardsId: card });
    await session.call('POST', '/api/v1/customer/cards/transferfunds', { amount: funding, transferTypes: 'TopUpCard', DestinationCardId: card, CustomerAssetAccountId: account });
    bodies.push(`{"CardsId":${card},"Amount":${CARD_AUTHORIZATION_AMOUNT},"MerchantName":"Bench merchant","MerchantCategoryCode":"5411"}`);
  }
  return bodies;
}

const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** The report's paragraph: authorizations beside the internal transfers of the same run. */
export function cardAuthorizationsParagraph(cards: LoadFigures, transfers: LoadFigures, connections: number): string {
  return `Card authorizations (\`POST ${CARD_AUTHORIZATION_PATH}\`, ${connections} connections, one funded active card each, ${CARD_AUTHORIZATION_AMOUNT} per hold), same server, right after the transfers above: ${fixed(cards.perSecond, 0)} authorizations/s, p50 ${fixed(cards.latency.p50Ms)} ms, p99 ${fixed(cards.latency.p99Ms)} ms, ${fixed(cards.cpu?.msPerRequest ?? Number.NaN)} CPU ms each; ${fixed(cards.perSecond / transfers.perSecond)}× the internal transfer rate (${fixed(transfers.perSecond, 0)}/s).${cards.failed > 0 ? ` ${cards.failed} FAILED.` : ''}
`;
}
