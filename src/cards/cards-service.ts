import type { Kysely } from 'kysely';
import { findAsset, openAccount, recordTransaction } from '../accounts/index.js';
import { findCustomerInScope, type CustomerRow } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { openLedgerAccount, systemAccount } from '../ledger/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { emitCardApproval } from './card-callbacks.js';
import { cardIdOf, customerIdOf } from './card-ids.js';
import type { CardNetwork } from './card-network.js';
import { checkCardRequest, checkNewPin, sixMonthsBefore, type CardRequest } from './card-rules.js';
import type { CardSealer } from './card-sealer.js';
import { activatedCardView, cardSummaryView, customersReference } from './card-views.js';
import { cardLedgerId, countCardsOf, findCardInScope, lockCard, type CardWithBalances } from './cards-repository.js';
import type { Approval, ApprovalBody, CardIdBody, ChangePinBody, CreateCardBody, CreatedCard } from './contract.js';
import { hashPin, verifyPin } from './pin-hash.js';

export interface CardsSettings {
  readonly cardsPerCustomerMax: number;
  /** Taken from the DDA by create-with-dda (0: no fee transaction). */
  readonly ddaIssueFeeUnits: bigint;
  readonly pinFailuresMax: number;
}

/** A card for a request, or Not_Found under the request's spelling (unknown and foreign look the same). */
export async function cardInScope(db: Kysely<Database>, principalId: number, cardsId: number, fieldName: string): Promise<CardWithBalances> {
  const card = await findCardInScope(db, principalId, cardsId);
  if (card === undefined) throw notFound(fieldName);
  return card;
}

/** Issuing cards, their lifecycle (activation, approval) and their PIN. */
export class CardsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly network: CardNetwork,
    private readonly sealer: CardSealer,
    private readonly settings: CardsSettings,
  ) {}

  private async customerFor(principalId: number, input: CreateCardBody): Promise<CustomerRow> {
    const customersId = customerIdOf(input, true) as number;
    const customer = await findCustomerInScope(this.database.reader, principalId, customersId);
    if (customer === undefined) throw notFound('CustomersId');
    if (customer.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'CustomersId');
    return customer;
  }

  /**
   * create (the new body and the older one) and create-with-dda. A card is a USD ledger account of
   * its own; it starts Deactivated, a managee's waits for approval. `create` opens the customer a
   * USD account (its DDA) when it has none; create-with-dda needs one and takes the issue fee from it.
   */
  async create(principalId: number, input: CreateCardBody, withDda: boolean, ctx: WriteContext): Promise<CreatedCard> {
    const customer = await this.customerFor(principalId, input);
    const nowMs = this.clock.nowMs();
    const now = isoTimestamp(nowMs);
    const reviewRequired = customer.date_added < sixMonthsBefore(nowMs);
    const request = checkCardRequest(input, { reviewRequired, business: customer.kind === 'principal' }, withDda);
    const usd = await findAsset(this.database.reader, 'USD');
    assert(usd !== undefined, 'USD is a supported asset');
    return runWrite(this.database, ctx, async (tx) => {
      if (this.database.dialect === 'postgres') await tx.selectFrom('customers').select('id').where('id', '=', customer.id).forNoKeyUpdate().execute();
      if ((await countCardsOf(tx, customer.id)) >= this.settings.cardsPerCustomerMax) throw new DomainError('Account_Limit_Reached', 'CustomersId');
      let dda = await findDda(tx, customer.id);
      if (dda === undefined) {
        if (withDda) throw new DomainError('Invalid', 'CustomersId');
        dda = (await openAccount(tx, { customersId: customer.id, name: 'USD Account', asset: usd, dateAdded: now })).id;
      }
      const card = await this.insertCard(tx, customer, request, dda, withDda, now, nowMs);
      let feeTransactionId: number | null = null;
      if (withDda && this.settings.ddaIssueFeeUnits > 0n) {
        feeTransactionId = await recordTransaction(
          tx,
          this.database.dialect,
          {
            accountsId: dda,
            customersId: customer.id,
            asset: 'USD',
            amount: -this.settings.ddaIssueFeeUnits,
            description: `Card issue fee (card ${card})`,
            transactionType: 'Fee',
            rail: 'CARD',
            systemAccount: systemAccount.fees('USD'),
            status: 'Completed',
            details: { cardsId: card },
            dateTime: now,
          },
          { insufficientFundsField: 'CustomersId' },
        );
      }
      const created = await findCardInScope(tx, principalId, card);
      assert(created !== undefined, 'the new card is in reach');
      return { id: card, customersId: customer.id, customersReference: customersReference(customer.id), card: cardSummaryView(created), feeTransactionId };
    });
  }

  private async insertCard(tx: Kysely<Database>, customer: CustomerRow, request: CardRequest, dda: number, withDda: boolean, now: string, nowMs: number): Promise<number> {
    const credentials = this.network.issueCredentials(nowMs);
    const inserted = await tx
      .insertInto('cards')
      .values({
        customers_id: customer.id,
        card_reference_id: request.cardReferenceId,
        card_program_id: request.cardProgramId,
        card_type: request.cardType,
        currency: request.currency,
        status: 'Deactivated',
        approval_status: customer.kind === 'managee' ? 'Pending' : 'Approved',
        shipping_method: request.shippingMethod,
        shipping_json: request.shipping === null ? null : JSON.stringify(request.shipping),
        review_json: JSON.stringify(request.review),
        card_holder_name: customer.name,
        last_four: credentials.cardNumber.slice(-4),
        number_sealed: '',
        cvc_sealed: '',
        expiry_sealed: '',
        pin_hash: null,
        pin_failures: 0,
        b_pin_locked: 0,
        funding_accounts_id: dda,
        b_with_dda: withDda ? 1 : 0,
        date_added: now,
        date_activated: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Sealed under the card's id: a sealed value copied onto another card does not open there.
    const context = sealContext(inserted.id);
    await tx
      .updateTable('cards')
      .set({
        number_sealed: this.sealer.seal(credentials.cardNumber, context),
        cvc_sealed: this.sealer.seal(credentials.cvc, context),
        expiry_sealed: this.sealer.seal(credentials.expiryDate, context),
      })
      .where('id', '=', inserted.id)
      .execute();
    await openLedgerAccount(tx, { accountsId: cardLedgerId(inserted.id), asset: 'USD', debitsMustNotExceedCredits: true });
    return inserted.id;
  }

  /** Deactivated → Active (`Card_Active` when already active); a managee's card must be approved first. */
  async activate(principalId: number, input: CardIdBody, ctx: WriteContext) {
    return this.setActive(principalId, input, true, ctx);
  }

  /** Active → Deactivated (`Card_Inactive` when it is not active). */
  async deactivate(principalId: number, input: CardIdBody, ctx: WriteContext) {
    return this.setActive(principalId, input, false, ctx);
  }

  private async setActive(principalId: number, input: CardIdBody, active: boolean, ctx: WriteContext) {
    const cardsId = cardIdOf(input, 'CardsId');
    await cardInScope(this.database.reader, principalId, cardsId, 'CardsId');
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const card = await lockCard(tx, this.database.dialect, cardsId);
      if (active) {
        if (card.status === 'Active') throw new DomainError('Card_Active', 'CardsId');
        if (card.status !== 'Deactivated') throw new DomainError('Card_Inactive', 'CardsId');
        if (card.approval_status !== 'Approved') throw new DomainError('Card_Not_Approved', 'CardsId');
      } else if (card.status !== 'Active') throw new DomainError('Card_Inactive', 'CardsId');
      await tx
        .updateTable('cards')
        .set({ status: active ? 'Active' : 'Deactivated', ...(active ? { date_activated: now } : {}) })
        .where('id', '=', cardsId)
        .execute();
      const after = await findCardInScope(tx, principalId, cardsId);
      assert(after !== undefined, 'the card is in reach');
      return { id: cardsId, ...activatedCardView(after) };
    });
  }

  /**
   * Sets or changes the PIN. The first PIN needs no OldPin; after that OldPin must match
   * (`Pin_Incorrect`), and CARD_PIN_FAILURES_MAX wrong ones in a row lock the PIN (`Pin_Locked`).
   * The failure count is written even though the request fails: that is what the lockout counts.
   */
  async changePin(principalId: number, input: ChangePinBody, ctx: WriteContext): Promise<{ TopUpCardsId: number }> {
    const cardsId = cardIdOf(input, 'TopUpCardsId');
    const card = await cardInScope(this.database.reader, principalId, cardsId, 'TopUpCardsId');
    if (card.status === 'Closed') throw new DomainError('Card_Inactive', 'TopUpCardsId');
    if (card.b_pin_locked === 1) throw new DomainError('Pin_Locked', 'TopUpCardsId');
    const newPin = checkNewPin(input.NewPin, 'NewPin');
    if (card.pin_hash !== null) {
      if (input.OldPin === undefined) throw new DomainError('Required', 'OldPin');
      if (!/^\d{4}$/.test(input.OldPin)) throw new DomainError('Invalid', 'OldPin');
      if (input.OldPin === newPin) throw new DomainError('Invalid', 'NewPin');
      if (!(await verifyPin(input.OldPin, card.pin_hash))) {
        const locked = await this.countPinFailure(cardsId);
        throw new DomainError(locked ? 'Pin_Locked' : 'Pin_Incorrect', 'OldPin');
      }
    }
    const pinHash = await hashPin(newPin);
    return runWrite(this.database, ctx, async (tx) => {
      const current = await lockCard(tx, this.database.dialect, cardsId);
      // A concurrent change got there first: the OldPin checked above is no longer the PIN.
      if (current.pin_hash !== card.pin_hash) throw new DomainError('Pin_Incorrect', 'OldPin');
      if (current.b_pin_locked === 1) throw new DomainError('Pin_Locked', 'TopUpCardsId');
      await tx.updateTable('cards').set({ pin_hash: pinHash, pin_failures: 0 }).where('id', '=', cardsId).execute();
      return { TopUpCardsId: cardsId };
    });
  }

  /** One more wrong old PIN; true when that locked the PIN. */
  private async countPinFailure(cardsId: number): Promise<boolean> {
    return runWrite(this.database, {}, async (tx) => {
      const card = await lockCard(tx, this.database.dialect, cardsId);
      const failures = card.pin_failures + 1;
      const locked = failures >= this.settings.pinFailuresMax;
      await tx
        .updateTable('cards')
        .set({ pin_failures: failures, b_pin_locked: locked ? 1 : 0 })
        .where('id', '=', cardsId)
        .execute();
      return locked;
    });
  }

  /**
   * A managee card's request is approved or rejected (the sandbox simulation; the operator's CLI):
   * a rejected card is Closed. MANAGEE_CARD_APPROVAL_UPDATED goes out in the same transaction.
   */
  async decideApproval(principalId: number, input: ApprovalBody, manual: boolean, ctx: WriteContext): Promise<Approval> {
    const cardsId = cardIdOf(input, 'TopUpCardsId');
    await cardInScope(this.database.reader, principalId, cardsId, 'TopUpCardsId');
    return this.decide(cardsId, input, manual, ctx);
  }

  /** The operator decides a request (`ibanera-server cards approve`), whoever's card it is. */
  async decideApprovalAsOperator(cardsId: number, status: 'Approved' | 'Rejected'): Promise<Approval> {
    if ((await this.database.reader.selectFrom('cards').select('id').where('id', '=', cardsId).executeTakeFirst()) === undefined) throw notFound('TopUpCardsId');
    return this.decide(cardsId, { Status: status }, true, {});
  }

  private async decide(cardsId: number, input: { Status: 'Approved' | 'Rejected' }, manual: boolean, ctx: WriteContext): Promise<Approval> {
    const now = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => {
      const card = await lockCard(tx, this.database.dialect, cardsId);
      if (card.approval_status !== 'Pending') throw new DomainError('Card_Not_Pending_Approval', 'TopUpCardsId');
      const approved = input.Status === 'Approved';
      await tx
        .updateTable('cards')
        .set({ approval_status: approved ? 'Approved' : 'Rejected', ...(approved ? {} : { status: 'Closed' as const }) })
        .where('id', '=', cardsId)
        .execute();
      const approval: Approval = { TopUpCardsId: cardsId, RequestedTopUpCardsId: cardsId, Status: input.Status, bManuallyUpdated: manual };
      await emitCardApproval(tx, card.customers_id, approval, now);
      return approval;
    });
  }
}

/** What the operator may do to a card (`ibanera-server cards …`): suspend it, close it for good, or reinstate a suspended one (Deactivated). */
export type OperatorCardAction = 'suspend' | 'close' | 'reinstate';

const OPERATOR_TRANSITIONS: Readonly<Record<OperatorCardAction, { from: readonly string[]; to: 'Suspended' | 'Closed' | 'Deactivated' }>> = {
  suspend: { from: ['Active', 'Deactivated'], to: 'Suspended' },
  close: { from: ['Active', 'Deactivated', 'Suspended'], to: 'Closed' },
  reinstate: { from: ['Suspended'], to: 'Deactivated' },
};

/** Applies an operator's action; returns the new status, or throws Card_Inactive when the card's status does not allow it. */
export async function operatorCardAction(database: DatabaseHandle, cardsId: number, action: OperatorCardAction): Promise<string> {
  const transition = OPERATOR_TRANSITIONS[action];
  return runWrite(database, {}, async (tx) => {
    const card = await tx.selectFrom('cards').select(['id', 'status']).where('id', '=', cardsId).executeTakeFirst();
    if (card === undefined) throw notFound('CardsId');
    if (!transition.from.includes(card.status)) throw new DomainError('Card_Inactive', 'CardsId');
    // A reinstated card's PIN lock is lifted too: reinstating is the operator's answer to a lockout.
    await tx
      .updateTable('cards')
      .set({ status: transition.to, ...(action === 'reinstate' ? { b_pin_locked: 0, pin_failures: 0 } : {}) })
      .where('id', '=', cardsId)
      .execute();
    return transition.to;
  });
}

/** The AES-GCM associated data of a card's sealed values. */
export function sealContext(cardsId: number): string {
  return `card:${cardsId}`;
}

/** The customer's DDA: its oldest usable USD account. */
async function findDda(tx: Kysely<Database>, customersId: number): Promise<number | undefined> {
  const row = await tx
    .selectFrom('accounts')
    .select('id')
    .where('customers_id', '=', customersId)
    .where('asset', '=', 'USD')
    .where('b_suppressed', '=', 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
