import type { Kysely } from 'kysely';
import { checkAmount } from '../accounts/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { endHold, legs, placeHolds, systemAccount, unitsFromColumn, unitsToColumn, writeJournals } from '../ledger/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { customersInScope } from '../customers/index.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { emitCardTransactionEnded } from './card-callbacks.js';
import { cardIdOf } from './card-ids.js';
import { usd, USD_DIGITS } from './card-views.js';
import { cardInScope } from './cards-service.js';
import { cardLedgerId, insertCardTransactions, lockCard } from './cards-repository.js';
import type { Authorization, AuthorizationBody, AuthorizationEnded, CaptureBody, Refund, RefundBody } from './contract.js';

export interface CardAuthorizationSettings {
  readonly authorizationTtlHours: number;
  /** The most one authorization may reserve (CARD_AUTHORIZATION_LIMIT_CENTS). */
  readonly authorizationLimitUnits: bigint;
}

const MERCHANT_CATEGORY_CODE = /^\d{4}$/;
const networkUsd = () => systemAccount.cardNetwork('USD');

/**
 * What the card network's messages do to a card (the simulator sends them in the sandbox): an
 * authorization is a ledger hold on the card's account toward the card network, with a pending
 * card transaction; a capture posts all or part of it and releases the rest; a reversal or expiry
 * releases it all; a refund credits the card. Each is one database transaction.
 */
export class CardAuthorizationsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: CardAuthorizationSettings,
  ) {}

  /**
   * Declines are answers with their reason and write nothing: `Card_Inactive` (the card is not
   * Active), `Card_Limit_Exceeded` (above CARD_AUTHORIZATION_LIMIT_CENTS), `Insufficient_Funds`
   * (the ledger refuses to reserve more than the card's available balance).
   */
  async authorize(principalId: number, input: AuthorizationBody, ctx: WriteContext): Promise<Authorization> {
    const cardsId = cardIdOf(input, 'CardsId');
    await cardInScope(this.database.reader, principalId, cardsId, 'CardsId');
    const amount = checkAmount(input.Amount, USD_DIGITS, 'Amount');
    if (input.MerchantName.trim() === '') throw new DomainError('Required', 'MerchantName');
    if (input.MerchantCategoryCode !== undefined && !MERCHANT_CATEGORY_CODE.test(input.MerchantCategoryCode)) throw new DomainError('Invalid', 'MerchantCategoryCode');
    const nowMs = this.clock.nowMs();
    const now = isoTimestamp(nowMs);
    const expiresAt = isoTimestamp(nowMs + this.settings.authorizationTtlHours * 3_600_000);
    return runWrite(this.database, ctx, async (tx) => {
      const card = await lockCard(tx, this.database.dialect, cardsId);
      if (card.status !== 'Active') throw new DomainError('Card_Inactive', 'CardsId');
      if (amount > this.settings.authorizationLimitUnits) throw new DomainError('Card_Limit_Exceeded', 'Amount');
      const placed = await placeHolds(
        tx,
        this.database.dialect,
        [{ accountsId: cardLedgerId(cardsId), systemAccount: networkUsd(), asset: 'USD', amount: -amount, deadline: expiresAt }],
        now,
        { insufficientFundsField: 'Amount' },
      );
      const holdsId = placed.holdIds[0];
      assert(holdsId !== undefined, 'the authorization hold was placed');
      const [cardTransactionsId] = await insertCardTransactions(tx, [
        {
          cardsId,
          customersId: card.customers_id,
          amount: -amount,
          description: input.MerchantName,
          kind: 'Purchase',
          pending: true,
          journalsId: placed.journalsId,
          holdsId,
          dateTime: now,
        },
      ]);
      assert(cardTransactionsId !== undefined, 'the pending row was recorded');
      const row = await tx
        .insertInto('card_authorizations')
        .values({
          cards_id: cardsId,
          card_transactions_id: cardTransactionsId,
          holds_id: holdsId,
          amount: unitsToColumn(amount),
          captured_amount: unitsToColumn(0n),
          refunded_amount: unitsToColumn(0n),
          merchant_name: input.MerchantName,
          merchant_category_code: input.MerchantCategoryCode ?? null,
          status: 'Pending',
          expires_at: expiresAt,
          date_added: now,
          date_ended: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { authorizationId: row.id, cardsId, cardTransactionsId, amount: usd(amount), merchantName: input.MerchantName, status: 'Pending', expiresAt };
    });
  }

  /**
   * Locks a pending authorization in reach; `Authorization_Not_Pending` once it has ended. Its hold
   * is locked first, then the authorization: the ledger's expiry sweep takes them in that order too
   * (the hold, then the cards hook), so a capture racing the sweep waits instead of deadlocking.
   */
  private async pendingAuthorization(tx: Kysely<Database>, principalId: number, authorizationId: number) {
    const found = await tx
      .selectFrom('card_authorizations as a')
      .innerJoin('cards as k', 'k.id', 'a.cards_id')
      .select('a.holds_id')
      .where('a.id', '=', authorizationId)
      .where('k.customers_id', 'in', customersInScope(tx, principalId))
      .executeTakeFirst();
    if (found === undefined) throw notFound('AuthorizationId');
    if (this.database.dialect === 'postgres') await tx.selectFrom('ledger_holds').select('id').where('id', '=', found.holds_id).forUpdate().execute();
    let query = tx.selectFrom('card_authorizations as a').innerJoin('cards as k', 'k.id', 'a.cards_id').selectAll('a').select('k.customers_id').where('a.id', '=', authorizationId);
    if (this.database.dialect === 'postgres') query = query.forUpdate('a');
    const auth = await query.executeTakeFirstOrThrow();
    if (auth.status !== 'Pending') throw new DomainError('Authorization_Not_Pending', 'AuthorizationId');
    return auth;
  }

  /** Captures all (no Amount) or part of a pending authorization; the rest is released. Settles its card row. */
  async capture(principalId: number, input: CaptureBody, ctx: WriteContext): Promise<AuthorizationEnded> {
    const requested = input.Amount === undefined ? null : checkAmount(input.Amount, USD_DIGITS, 'Amount');
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const auth = await this.pendingAuthorization(tx, principalId, input.AuthorizationId);
      const authorized = unitsFromColumn(auth.amount);
      const captured = requested ?? authorized;
      if (captured > authorized) throw new DomainError('Invalid', 'Amount');
      if (auth.expires_at < now) throw new DomainError('Authorization_Not_Pending', 'AuthorizationId');
      assert((await endHold(tx, this.database.dialect, auth.holds_id, 'captured', now, -captured)) !== null, 'a pending authorization has a pending hold');
      await tx
        .updateTable('card_authorizations')
        .set({ status: 'Captured', captured_amount: unitsToColumn(captured), date_ended: now })
        .where('id', '=', auth.id)
        .execute();
      await this.endRow(tx, auth.card_transactions_id, 'Settled', -captured, now);
      return {
        authorizationId: auth.id,
        cardTransactionsId: auth.card_transactions_id,
        capturedAmount: usd(captured),
        releasedAmount: usd(authorized - captured),
        status: 'Captured',
      };
    });
  }

  /** Reverses a pending authorization: all of it is released. */
  async reverse(principalId: number, input: { AuthorizationId: number }, ctx: WriteContext): Promise<AuthorizationEnded> {
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const auth = await this.pendingAuthorization(tx, principalId, input.AuthorizationId);
      assert((await endHold(tx, this.database.dialect, auth.holds_id, 'voided', now)) !== null, 'a pending authorization has a pending hold');
      await tx.updateTable('card_authorizations').set({ status: 'Reversed', date_ended: now }).where('id', '=', auth.id).execute();
      await this.endRow(tx, auth.card_transactions_id, 'Reversed', null, now);
      return {
        authorizationId: auth.id,
        cardTransactionsId: auth.card_transactions_id,
        capturedAmount: usd(0n),
        releasedAmount: usd(unitsFromColumn(auth.amount)),
        status: 'Reversed',
      };
    });
  }

  /** Ends the pending card row of an authorization and sends TRANSACTION_STATUS_UPDATED. */
  private async endRow(tx: Kysely<Database>, id: number, status: 'Settled' | 'Reversed' | 'Expired', amount: bigint | null, now: string): Promise<void> {
    await tx
      .updateTable('card_transactions')
      .set({ status, b_pending: 0, date_settled: now, ...(amount === null ? {} : { amount: unitsToColumn(amount) }) })
      .where('id', '=', id)
      .execute();
    await emitCardTransactionEnded(tx, await tx.selectFrom('card_transactions').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), now);
  }

  /**
   * A merchant's refund credits the card at once (from the card network). With AuthorizationId it
   * refunds that captured purchase, at most what is left of it, and the purchase's row names the
   * refund (`RefundTransactionsID`, the latest one).
   */
  async refund(principalId: number, input: RefundBody, ctx: WriteContext): Promise<Refund> {
    if (input.AuthorizationId !== undefined) {
      const inReach = await this.database.reader
        .selectFrom('card_authorizations as a')
        .innerJoin('cards as k', 'k.id', 'a.cards_id')
        .select('a.id')
        .where('a.id', '=', input.AuthorizationId)
        .where('k.customers_id', 'in', customersInScope(this.database.reader, principalId))
        .executeTakeFirst();
      if (inReach === undefined) throw notFound('AuthorizationId');
    }
    const cardsId = cardIdOf(input, 'CardsId');
    await cardInScope(this.database.reader, principalId, cardsId, 'CardsId');
    const amount = checkAmount(input.Amount, USD_DIGITS, 'Amount');
    if (input.MerchantName.trim() === '') throw new DomainError('Required', 'MerchantName');
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const card = await lockCard(tx, this.database.dialect, cardsId);
      if (card.status === 'Closed') throw new DomainError('Card_Inactive', 'CardsId');
      let purchase: { id: number; card_transactions_id: number } | null = null;
      if (input.AuthorizationId !== undefined) {
        const auth = await tx.selectFrom('card_authorizations').selectAll().where('id', '=', input.AuthorizationId).where('cards_id', '=', cardsId).executeTakeFirst();
        if (auth === undefined) throw notFound('AuthorizationId');
        if (auth.status !== 'Captured') throw new DomainError('Invalid', 'AuthorizationId');
        const refunded = unitsFromColumn(auth.refunded_amount) + amount;
        if (refunded > unitsFromColumn(auth.captured_amount)) throw new DomainError('Invalid', 'Amount');
        await tx
          .updateTable('card_authorizations')
          .set({ refunded_amount: unitsToColumn(refunded) })
          .where('id', '=', auth.id)
          .execute();
        purchase = auth;
      }
      const [journalsId] = await writeJournals(tx, this.database.dialect, [
        { kind: 'card-refund', dateTime: now, legs: legs(cardLedgerId(cardsId), networkUsd(), 'USD', 'posted', amount) },
      ]);
      assert(journalsId !== undefined, 'the refund journal was written');
      const [id] = await insertCardTransactions(tx, [
        {
          cardsId,
          customersId: card.customers_id,
          amount,
          description: `Refund: ${input.MerchantName}`,
          kind: 'Refund',
          pending: false,
          journalsId,
          ...(purchase === null ? {} : { originalTransactionsId: purchase.card_transactions_id }),
          dateTime: now,
        },
      ]);
      assert(id !== undefined, 'the refund row was recorded');
      if (purchase !== null) await tx.updateTable('card_transactions').set({ refund_transactions_id: id }).where('id', '=', purchase.card_transactions_id).execute();
      return { cardTransactionsId: id, cardsId, amount: usd(amount), authorizationId: purchase?.id ?? null };
    });
  }
}

/**
 * The ledger's expiry sweep released a hold (in its transaction): if it is a card authorization's,
 * the authorization and its card row show the expiry. Registered with the ledger through the
 * manifest, so the ledger imports no module.
 */
export async function onCardHoldExpired(tx: Kysely<Database>, holdsId: number, dateTime: string): Promise<void> {
  const auth = await tx.selectFrom('card_authorizations').select(['id', 'card_transactions_id']).where('holds_id', '=', holdsId).where('status', '=', 'Pending').executeTakeFirst();
  if (auth === undefined) return;
  await tx.updateTable('card_authorizations').set({ status: 'Expired', date_ended: dateTime }).where('id', '=', auth.id).execute();
  await tx.updateTable('card_transactions').set({ status: 'Expired', b_pending: 0, date_settled: dateTime }).where('id', '=', auth.card_transactions_id).execute();
  await emitCardTransactionEnded(tx, await tx.selectFrom('card_transactions').selectAll().where('id', '=', auth.card_transactions_id).executeTakeFirstOrThrow(), dateTime);
}
