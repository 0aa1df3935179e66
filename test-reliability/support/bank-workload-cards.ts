// The Cards part of the bank workload: two active cards of the principal, top-ups from the hot USD
// accounts and withdrawals back, card-to-card moves, authorizations (holds), full and partial
// captures, reversals and refunds, all over real HTTP with Idempotency-Keys through the workload's
// own retrying `execute`. A card is a ledger account of its own (id −cardsId), so the model keeps
// it among the accounts and the balance checks cover it; money that leaves through the card network
// (captures) or comes back (refunds) is counted in `model.otherNet`. `checkCards` compares the card
// tables with the model at the end.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { unitsFromColumn } from '../../src/ledger/index.js';
import { formatCanonical, formatDecimal } from '../../src/shared/decimal.js';
import { RawJson, stringifyExact } from '../../src/shared/exact-json.js';
import { intOf, type Answer } from './api-client.js';
import { minorUnit, type BankModel } from './bank-model.js';
import type { Prng } from './prng.js';

export const CARD_PATHS = {
  create: '/api/v1/customer/cards/create',
  activate: '/api/v1/customer/cards/activate',
  transferFunds: '/api/v1/customer/cards/transferfunds',
  moveFunds: '/api/v1/customer/cards/movefunds',
  authorizations: '/api/v1/customer/simulations/cards/authorizations',
  captures: '/api/v1/customer/simulations/cards/captures',
  reversals: '/api/v1/customer/simulations/cards/reversals',
  refunds: '/api/v1/customer/simulations/cards/refunds',
} as const;

export const CARD_COUNT = 2;

/** What the workload's `execute` takes (bank-workload.ts `Request`, kind `card`). */
export interface CardRequest {
  readonly kind: 'card';
  readonly path: string;
  readonly bodyText: string;
  readonly key: string;
  readonly changedBodyText: string | null;
  readonly allowed: readonly string[];
  handle(answer: Answer, key: string): void;
}

interface OpenAuthorization {
  readonly id: number;
  readonly cardsId: number;
  readonly amount: bigint;
}

interface CapturedPurchase {
  readonly id: number;
  readonly cardsId: number;
  readonly captured: bigint;
  refunded: bigint;
}

const CENT = minorUnit('USD');
const usd = (minor: bigint) => new RawJson(formatDecimal(minor * CENT, 2));
const body = (fields: Record<string, unknown>) => stringifyExact(fields);
const details = (answer: Answer) => answer.body.details as Record<string, unknown>;
const ledgerIdOf = (cardsId: number) => -cardsId;

export class BankCards {
  readonly cardIds: number[] = [];
  /** Authorizations acknowledged and not yet taken by a capture or reversal. */
  readonly open: OpenAuthorization[] = [];
  readonly captured: CapturedPurchase[] = [];
  /** Authorization id → its final state as acknowledged. */
  readonly ended = new Map<number, { status: 'Captured' | 'Reversed'; captured: bigint }>();
  readonly all = new Map<number, OpenAuthorization>();
  figures = { topUps: 0, withdrawals: 0, moves: 0, authorizations: 0, captures: 0, partialCaptures: 0, reversals: 0, refunds: 0 };

  constructor(
    private readonly model: BankModel,
    private readonly send: (request: CardRequest) => Promise<void>,
    private readonly customersId: () => number,
  ) {}

  /** Creates and activates the cards (after the hot accounts exist: create uses a USD one as DDA). */
  async openCards(): Promise<void> {
    for (let i = 0; i < CARD_COUNT; i++) {
      let cardsId = 0;
      await this.send(
        this.request(CARD_PATHS.create, body({ customersId: String(this.customersId()), currency: 'USD', customerSubtype: '1', sourceOfFundsType: '1936' }), [], (answer) => {
          cardsId = intOf(answer.body.id, 'card id');
          this.model.accounts.set(ledgerIdOf(cardsId), { id: ledgerIdOf(cardsId), asset: 'USD', posted: 0n, pendingIn: 0n, pendingOut: 0n });
        }),
      );
      if (cardsId === 0) throw new Error(`could not create card ${i}: ${this.model.problems.join('; ')}`);
      let active = false;
      await this.send(this.request(CARD_PATHS.activate, body({ cardsId }), [], () => (active = true)));
      if (!active) throw new Error(`could not activate card ${cardsId}`);
      this.cardIds.push(cardsId);
    }
  }

  async step(rng: Prng): Promise<void> {
    if (this.cardIds.length === 0) return;
    const kind = rng.weighted<string>([
      [5, 'topUp'],
      [2, 'withdraw'],
      [1, 'move'],
      [5, 'authorize'],
      [3, 'capture'],
      [1, 'reverse'],
      [1, 'refund'],
    ]);
    if (kind === 'topUp') return this.send(this.topUp(rng));
    if (kind === 'withdraw') return this.send(this.withdraw(rng));
    if (kind === 'move') return this.send(this.move(rng));
    if (kind === 'authorize') return this.send(this.authorize(rng));
    if (kind === 'capture' || kind === 'reverse') {
      if (this.open.length === 0) return this.send(this.authorize(rng));
      const auth = this.open.splice(rng.int(0, this.open.length - 1), 1)[0] as OpenAuthorization;
      return this.send(kind === 'capture' ? this.capture(rng, auth) : this.reverse(auth));
    }
    const purchase = this.captured.find((p) => p.refunded < p.captured);
    if (purchase === undefined) return this.send(this.topUp(rng));
    return this.send(this.refund(rng, purchase));
  }

  private request(path: string, bodyText: string, allowed: readonly string[], handle: (answer: Answer, key: string) => void, changedBodyText: string | null = null): CardRequest {
    return { kind: 'card', path, bodyText, key: randomUUID(), changedBodyText, allowed, handle };
  }

  private hotUsd(rng: Prng): number {
    return rng.pick(this.model.accountsOf('USD')).id;
  }

  private topUp(rng: Prng): CardRequest {
    const account = this.hotUsd(rng);
    const cardsId = rng.pick(this.cardIds);
    // Now and then more than the account holds: Insufficient_Funds, nothing moves.
    const minor = rng.chance(0.1) ? 100_000_000n : rng.bigint(1n, 50_000n);
    const make = (m: bigint) =>
      body({ amount: usd(m), reference: 'reliability', transferTypes: 'TopUpCard', currencyType: 'USD', DestinationCardId: cardsId, CustomerAssetAccountId: account });
    return this.request(
      CARD_PATHS.transferFunds,
      make(minor),
      ['Insufficient_Funds'],
      (answer, key) => {
        const amount = minor * CENT;
        this.model.account(account).posted -= amount;
        this.model.account(ledgerIdOf(cardsId)).posted += amount;
        this.model.addTransaction({
          id: intOf(details(answer).FromTransactionId, 'from id'),
          accountsId: account,
          amount: -amount,
          type: 'CardTopUp',
          status: 'Completed',
          createBucket: 'posted',
          key,
        });
        this.figures.topUps++;
      },
      make(minor + 1n),
    );
  }

  private withdraw(rng: Prng): CardRequest {
    const account = this.hotUsd(rng);
    const cardsId = rng.pick(this.cardIds);
    const minor = rng.chance(0.2) ? 100_000_000n : rng.bigint(1n, 10_000n);
    const make = (m: bigint) => body({ amount: usd(m), transferTypes: 'TopUpAccount', SourceCardId: cardsId, CustomerAssetAccountId: account });
    return this.request(
      CARD_PATHS.transferFunds,
      make(minor),
      ['Insufficient_Funds'],
      (answer, key) => {
        const amount = minor * CENT;
        this.model.account(ledgerIdOf(cardsId)).posted -= amount;
        this.model.account(account).posted += amount;
        this.model.addTransaction({
          id: intOf(details(answer).ToTransactionId, 'to id'),
          accountsId: account,
          amount,
          type: 'CardWithdrawal',
          status: 'Completed',
          createBucket: 'posted',
          key,
        });
        this.figures.withdrawals++;
      },
      make(minor + 1n),
    );
  }

  private move(rng: Prng): CardRequest {
    const [from, to] = rng.chance(0.5) ? [this.cardIds[0], this.cardIds[1]] : [this.cardIds[1], this.cardIds[0]];
    const minor = rng.chance(0.2) ? 100_000_000n : rng.bigint(1n, 10_000n);
    return this.request(CARD_PATHS.moveFunds, body({ fromCardsId: from, toCardsId: to, amount: usd(minor) }), ['Insufficient_Funds'], () => {
      this.model.account(ledgerIdOf(from as number)).posted -= minor * CENT;
      this.model.account(ledgerIdOf(to as number)).posted += minor * CENT;
      this.figures.moves++;
    });
  }

  private authorize(rng: Prng): CardRequest {
    const cardsId = rng.pick(this.cardIds);
    const minor = rng.chance(0.1) ? 90_000_000n : rng.bigint(1n, 20_000n);
    const make = (m: bigint) => body({ CardsId: cardsId, Amount: usd(m), MerchantName: 'Reliability Store', MerchantCategoryCode: '5411' });
    // Insufficient_Funds: more than the card's available balance; Card_Limit_Exceeded: above 10,000.00.
    return this.request(
      CARD_PATHS.authorizations,
      make(minor),
      ['Insufficient_Funds', 'Card_Limit_Exceeded'],
      (answer) => {
        const auth = { id: intOf(answer.body.id, 'authorization id'), cardsId, amount: minor * CENT };
        this.model.account(ledgerIdOf(cardsId)).pendingOut -= auth.amount;
        this.open.push(auth);
        this.all.set(auth.id, auth);
        this.figures.authorizations++;
      },
      make(minor + 1n),
    );
  }

  private capture(rng: Prng, auth: OpenAuthorization): CardRequest {
    const partial = rng.chance(0.5);
    const minor = partial ? rng.bigint(1n, auth.amount / CENT) : auth.amount / CENT;
    const bodyText = partial ? body({ AuthorizationId: auth.id, Amount: usd(minor) }) : body({ AuthorizationId: auth.id });
    return this.request(CARD_PATHS.captures, bodyText, [], () => {
      const captured = minor * CENT;
      const card = this.model.account(ledgerIdOf(auth.cardsId));
      card.pendingOut += auth.amount;
      card.posted -= captured;
      this.model.otherNet.set('USD', (this.model.otherNet.get('USD') ?? 0n) - captured);
      this.model.expectedCallbacks += 1; // TRANSACTION_STATUS_UPDATED (settled)
      this.ended.set(auth.id, { status: 'Captured', captured });
      this.captured.push({ id: auth.id, cardsId: auth.cardsId, captured, refunded: 0n });
      this.figures.captures++;
      if (captured < auth.amount) this.figures.partialCaptures++;
    });
  }

  private reverse(auth: OpenAuthorization): CardRequest {
    return this.request(CARD_PATHS.reversals, body({ AuthorizationId: auth.id }), [], () => {
      this.model.account(ledgerIdOf(auth.cardsId)).pendingOut += auth.amount;
      this.model.expectedCallbacks += 1; // TRANSACTION_STATUS_UPDATED (released)
      this.ended.set(auth.id, { status: 'Reversed', captured: 0n });
      this.figures.reversals++;
    });
  }

  private refund(rng: Prng, purchase: CapturedPurchase): CardRequest {
    const leftMinor = (purchase.captured - purchase.refunded) / CENT;
    const minor = rng.bigint(1n, leftMinor);
    // Claimed now, so that no two refunds in flight together exceed what was captured.
    purchase.refunded += minor * CENT;
    return this.request(CARD_PATHS.refunds, body({ CardsId: purchase.cardsId, Amount: usd(minor), MerchantName: 'Reliability Store', AuthorizationId: purchase.id }), [], () => {
      this.model.account(ledgerIdOf(purchase.cardsId)).posted += minor * CENT;
      this.model.otherNet.set('USD', (this.model.otherNet.get('USD') ?? 0n) + minor * CENT);
      this.figures.refunds++;
    });
  }
}

/**
 * The card tables agree with the acknowledged answers: each authorization stored in its state with
 * its captured amount (pending ones still pending, their holds too); each card's settled rows add
 * up to its posted balance and its pending rows to its reserved amount; purchases and refunds add
 * up to what left and came back through the card network.
 */
export async function checkCards(db: Kysely<Database>, model: BankModel, cards: BankCards, problems: string[]): Promise<void> {
  const fmt = formatCanonical;
  const stored = await db
    .selectFrom('card_authorizations as a')
    .innerJoin('ledger_holds as h', 'h.id', 'a.holds_id')
    .select(['a.id', 'a.status', 'a.captured_amount', 'h.status as hold_status'])
    .execute();
  const byId = new Map(stored.map((r) => [r.id, r]));
  if (stored.length !== cards.all.size) problems.push(`${stored.length} card authorizations stored, ${cards.all.size} acknowledged`);
  for (const auth of cards.all.values()) {
    const row = byId.get(auth.id);
    const ended = cards.ended.get(auth.id);
    const expected = ended?.status ?? 'Pending';
    if (row === undefined) {
      problems.push(`card authorization ${auth.id} is missing`);
      continue;
    }
    const holdStatus = { Pending: 'pending', Captured: 'captured', Reversed: 'voided' }[expected];
    if (row.status !== expected || row.hold_status !== holdStatus || unitsFromColumn(row.captured_amount) !== (ended?.captured ?? 0n)) {
      problems.push(
        `card authorization ${auth.id}: stored ${row.status} (hold ${row.hold_status}) captured ${fmt(unitsFromColumn(row.captured_amount))}, expected ${expected} captured ${fmt(ended?.captured ?? 0n)}`,
      );
    }
  }
  const rows = await db.selectFrom('card_transactions').select(['cards_id', 'amount', 'status', 'kind']).execute();
  let network = 0n;
  for (const cardsId of cards.cardIds) {
    const mine = rows.filter((r) => r.cards_id === cardsId);
    const settled = mine.filter((r) => r.status === 'Settled').reduce((sum, r) => sum + unitsFromColumn(r.amount), 0n);
    const pending = mine.filter((r) => r.status === 'Pending').reduce((sum, r) => sum + unitsFromColumn(r.amount), 0n);
    const account = model.accounts.get(ledgerIdOf(cardsId));
    if (account === undefined || settled !== account.posted || pending !== account.pendingOut) {
      problems.push(
        `card ${cardsId}: settled rows ${fmt(settled)}, pending rows ${fmt(pending)}; acknowledged posted ${fmt(account?.posted ?? 0n)}, reserved ${fmt(account?.pendingOut ?? 0n)}`,
      );
    }
    network += mine.filter((r) => (r.kind === 'Purchase' && r.status === 'Settled') || r.kind === 'Refund').reduce((sum, r) => sum + unitsFromColumn(r.amount), 0n);
  }
  const expectedNet = model.otherNet.get('USD') ?? 0n;
  if (network !== expectedNet) problems.push(`card network: purchases and refunds add up to ${fmt(network)}, acknowledged ${fmt(expectedNet)}`);
}
