import type { Kysely } from 'kysely';
import { checkAmount, linkTransaction, recordTransactions, type AccountsService, type NewTransaction } from '../accounts/index.js';
import { findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { legs, lockBalances, systemAccount, writeJournals, type LegDraft } from '../ledger/index.js';
import { assert } from '../shared/assert.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { cardIdOf, customerIdOf, oneCardId } from './card-ids.js';
import { usd, USD_DIGITS } from './card-views.js';
import { cardInScope } from './cards-service.js';
import { cardLedgerId, insertCardTransactions, type CardWithBalances } from './cards-repository.js';
import type { CardTransfer, MoveFundsBody, TopUpBody, TransferFundsBody } from './contract.js';

/** One side of a card transfer: a USD asset account or a card. */
type Side = { readonly kind: 'account'; readonly id: number; readonly customersId: number } | { readonly kind: 'card'; readonly card: CardWithBalances };

type TransferKind = 'TopUpCard' | 'TopUpAccount' | 'CardToCard';

interface TransferPlan {
  readonly kind: TransferKind;
  readonly source: Side;
  readonly destination: Side;
  readonly amount: bigint;
  readonly fee: bigint;
  readonly reference: string | null;
  readonly amountField: string;
}

const DESCRIPTIONS: Readonly<Record<TransferKind, string>> = {
  TopUpCard: 'Card transfer - Top Up Funds',
  TopUpAccount: 'Card transfer - Withdraw Funds',
  CardToCard: 'Card transfer - Card To Card',
};

const internalUsd = () => systemAccount.internal('USD');

/**
 * Money between a customer's USD account and a card, or between two cards: a journal per ledger
 * side (the clearing account's legs net to zero), with the fee (CARD_TRANSFER_FEE_CENTS) taken out
 * of the amount as its own transaction on the source. Completes at once (`bPending` false).
 */
export class CardTransfersService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly feeUnits: bigint,
  ) {}

  /**
   * transferfunds: TopUpCard, TopUpAccount or CardToCard. Every id the body gives is checked for
   * reach first (an unknown or foreign one is Not_Found on its field, whatever the transfer type),
   * then the type's own fields.
   */
  async transferFunds(principalId: number, input: TransferFundsBody, ctx: WriteContext): Promise<CardTransfer> {
    return this.move(await this.prepare(principalId, input), ctx);
  }

  /** transferfunds' every check and its fee, without a write (the portal's review shows this fee). */
  async quote(principalId: number, input: TransferFundsBody): Promise<{ amount: ReturnType<typeof usd>; feeAmount: ReturnType<typeof usd>; netAmount: ReturnType<typeof usd> }> {
    const plan = await this.prepare(principalId, input);
    return { amount: usd(plan.amount), feeAmount: usd(plan.fee), netAmount: usd(plan.amount - plan.fee) };
  }

  private async prepare(principalId: number, input: TransferFundsBody): Promise<TransferPlan> {
    const customersId = customerIdOf(input, false);
    const accountId = input.CustomerAssetAccountId ?? input.CustomerAssetAccountsId;
    const db = this.database.reader;
    if (customersId !== undefined && (await findCustomerInScope(db, principalId, customersId)) === undefined) throw notFound('CustomersId');
    const { sourceCardId, destinationCardId } = transferCardIds(input);
    const sourceCard = sourceCardId === undefined ? undefined : await cardInScope(db, principalId, sourceCardId, 'SourceCardId');
    const destinationCard = destinationCardId === undefined ? undefined : await cardInScope(db, principalId, destinationCardId, 'DestinationCardId');
    const account = accountId === undefined ? undefined : await this.account(principalId, accountId, 'CustomerAssetAccountId');
    const currency = (input.currencyType ?? 'USD').toUpperCase();
    if (currency !== 'USD') throw new DomainError('Invalid', 'currencyType');
    const card = (found: CardWithBalances | undefined, field: string): Side => {
      if (found === undefined) throw new DomainError('Required', field);
      if (customersId !== undefined && found.customers_id !== customersId && input.transferTypes !== 'CardToCard') throw notFound(field);
      return { kind: 'card', card: found };
    };
    const accountSide = (): Side => {
      if (account === undefined) throw new DomainError('Required', 'CustomerAssetAccountId');
      return account;
    };
    let source: Side;
    let destination: Side;
    if (input.transferTypes === 'TopUpCard') {
      destination = card(destinationCard, 'DestinationCardId');
      source = accountSide();
    } else if (input.transferTypes === 'TopUpAccount') {
      source = card(sourceCard, 'SourceCardId');
      destination = accountSide();
    } else {
      source = card(sourceCard, 'SourceCardId');
      destination = card(destinationCard, 'DestinationCardId');
    }
    return this.plan(input.transferTypes, source, destination, input.amount, input.reference ?? null, 'amount');
  }

  /** The older topup: Deposit (account to card) or Withdraw (card to account); `amount` is signed from the account's side. */
  async topUp(principalId: number, input: TopUpBody, ctx: WriteContext): Promise<CardTransfer> {
    const account = await this.account(principalId, input.CustomerAssetAccountsId, 'CustomerAssetAccountsId');
    const cardsId = cardIdOf(input, 'CardsId');
    const card = { kind: 'card', card: await cardInScope(this.database.reader, principalId, cardsId, 'CardsId') } as const;
    const deposit = input.Type === 'Deposit';
    const result = await this.move(
      deposit
        ? this.plan('TopUpCard', account, card, input.Amount, input.Reference ?? null, 'Amount')
        : this.plan('TopUpAccount', card, account, input.Amount, input.Reference ?? null, 'Amount'),
      ctx,
    );
    return deposit ? { ...result, amount: usd(-input.Amount) } : result;
  }

  /** The older movefunds: card to card between the principal's and its managees' cards. */
  async moveFunds(principalId: number, input: MoveFundsBody, ctx: WriteContext): Promise<CardTransfer> {
    const from = await cardInScope(this.database.reader, principalId, input.fromCardsId, 'fromCardsId');
    const to = await cardInScope(this.database.reader, principalId, input.toCardsId, 'toCardsId');
    return this.move(this.plan('CardToCard', { kind: 'card', card: from }, { kind: 'card', card: to }, input.amount, null, 'amount'), ctx);
  }

  private async account(principalId: number, accountsId: number, field: string): Promise<Side> {
    const [account] = await this.accounts.findAccountsWithKyc(principalId, [accountsId]);
    if (account === undefined) throw notFound(field);
    if (account.asset !== 'USD' || account.b_suppressed === 1) throw new DomainError('Invalid', field);
    if (account.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', field);
    return { kind: 'account', id: account.id, customersId: account.customers_id };
  }

  /** The documented checks, in order: amount, fee, then the cards' state. */
  private plan(kind: TransferKind, source: Side, destination: Side, units: bigint, reference: string | null, amountField: string): TransferPlan {
    const amount = checkAmount(units, USD_DIGITS, amountField);
    if (amount <= this.feeUnits) throw new DomainError('Amout_Less_Than_Fee', amountField);
    const unusable = (side: Side) => side.kind === 'card' && (side.card.status === 'Closed' || side.card.status === 'Suspended' || side.card.approval_status !== 'Approved');
    if (kind === 'CardToCard') {
      const same = source.kind === 'card' && destination.kind === 'card' && source.card.id === destination.card.id;
      if (same || unusable(source) || unusable(destination)) throw new DomainError('ShareFunds_Failed', amountField);
    } else if (unusable(source) || unusable(destination)) {
      throw new DomainError('Card_Inactive', kind === 'TopUpCard' ? 'DestinationCardId' : 'SourceCardId');
    }
    return { kind, source, destination, amount, fee: this.feeUnits, reference, amountField };
  }

  private async move(plan: TransferPlan, ctx: WriteContext): Promise<CardTransfer> {
    const dateTime = isoTimestamp(this.clock.nowMs());
    const description = DESCRIPTIONS[plan.kind];
    const net = plan.amount - plan.fee;
    const ledgerIdOf = (side: Side) => (side.kind === 'account' ? side.id : cardLedgerId(side.card.id));
    return runWrite(this.database, ctx, async (tx) => {
      // Both sides are written by two journals: lock both ledger accounts first, in the ledger's
      // fixed order, so that a top-up and a withdrawal between the same two never deadlock.
      await lockBalances(tx, this.database.dialect, [ledgerIdOf(plan.source), ledgerIdOf(plan.destination)]);
      const from = await this.debit(tx, plan, net, description, dateTime);
      const to = await this.credit(tx, plan, net, description, dateTime);
      return {
        FromTransactionId: from.id,
        ToTransactionId: to,
        FeeTransactionId: from.feeId,
        amount: usd(plan.amount),
        feeAmount: usd(plan.fee),
        description,
        bPending: false,
        dateTime,
      };
    });
  }

  /** The source's rows: the amount less the fee, and the fee (the ledger refuses an overdraft). */
  private async debit(tx: Kysely<Database>, plan: TransferPlan, net: bigint, description: string, dateTime: string): Promise<{ id: number; feeId: number | null }> {
    const options = { insufficientFundsField: plan.amountField };
    const { source } = plan;
    if (source.kind === 'account') {
      const row = (amount: bigint, fee: boolean): NewTransaction => ({
        accountsId: source.id,
        customersId: source.customersId,
        asset: 'USD',
        amount: -amount,
        description: fee ? `Fee: ${description}` : (plan.reference ?? description),
        transactionType: fee ? 'Fee' : 'CardTopUp',
        rail: 'CARD',
        systemAccount: fee ? systemAccount.fees('USD') : internalUsd(),
        status: 'Completed',
        details: { cardsId: plan.destination.kind === 'card' ? plan.destination.card.id : null, reference: plan.reference },
        dateTime,
      });
      const [id, feeId] = await recordTransactions(tx, this.database.dialect, plan.fee > 0n ? [row(net, false), row(plan.fee, true)] : [row(net, false)], options);
      assert(id !== undefined, 'the source row was recorded');
      if (feeId !== undefined) await linkTransaction(tx, id, { feeTransactionId: feeId });
      return { id, feeId: feeId ?? null };
    }
    const ledgerId = cardLedgerId(source.card.id);
    const journalLegs: LegDraft[] = [
      ...legs(ledgerId, internalUsd(), 'USD', 'posted', -net),
      ...(plan.fee > 0n ? legs(ledgerId, systemAccount.fees('USD'), 'USD', 'posted', -plan.fee) : []),
    ];
    const [journalsId] = await writeJournals(tx, this.database.dialect, [{ kind: 'card-transfer', dateTime, legs: journalLegs }], options);
    assert(journalsId !== undefined, 'the card journal was written');
    const common = { cardsId: source.card.id, customersId: source.card.customers_id, pending: false, journalsId, dateTime };
    const [id, feeId] = await insertCardTransactions(tx, [
      { ...common, amount: -net, description: plan.reference ?? description, kind: plan.kind === 'CardToCard' ? 'CardToCard' : 'Withdrawal' },
      ...(plan.fee > 0n ? [{ ...common, amount: -plan.fee, description: `Fee: ${description}`, kind: 'Fee' as const }] : []),
    ]);
    assert(id !== undefined, 'the card row was recorded');
    return { id, feeId: feeId ?? null };
  }

  private async credit(tx: Kysely<Database>, plan: TransferPlan, net: bigint, description: string, dateTime: string): Promise<number> {
    const { destination } = plan;
    if (destination.kind === 'account') {
      const [id] = await recordTransactions(tx, this.database.dialect, [
        {
          accountsId: destination.id,
          customersId: destination.customersId,
          asset: 'USD',
          amount: net,
          description: plan.reference ?? description,
          transactionType: 'CardWithdrawal',
          rail: 'CARD',
          systemAccount: internalUsd(),
          status: 'Completed',
          details: { cardsId: plan.source.kind === 'card' ? plan.source.card.id : null, reference: plan.reference },
          dateTime,
        },
      ]);
      assert(id !== undefined, 'the destination row was recorded');
      return id;
    }
    const [journalsId] = await writeJournals(tx, this.database.dialect, [
      { kind: 'card-transfer', dateTime, legs: legs(cardLedgerId(destination.card.id), internalUsd(), 'USD', 'posted', net) },
    ]);
    assert(journalsId !== undefined, 'the card journal was written');
    const [id] = await insertCardTransactions(tx, [
      {
        cardsId: destination.card.id,
        customersId: destination.card.customers_id,
        amount: net,
        description: plan.reference ?? description,
        kind: plan.kind === 'CardToCard' ? 'CardToCard' : 'TopUp',
        pending: false,
        journalsId,
        dateTime,
      },
    ]);
    assert(id !== undefined, 'the card row was recorded');
    return id;
  }
}

/**
 * The cards of a transferfunds body. `CardId`, `CardsId` and `TopUpCardsId` are accepted as the one
 * card of a TopUpCard (its destination) or a TopUpAccount (its source) and must agree with
 * `DestinationCardId`/`SourceCardId` when both are given (`Invalid` otherwise, nothing moved); a
 * CardToCard has two cards, so there they are refused as ambiguous.
 */
function transferCardIds(input: TransferFundsBody): { sourceCardId: number | undefined; destinationCardId: number | undefined } {
  const spelled = [input.CardId, input.CardsId, input.TopUpCardsId].some((v) => v !== undefined && v !== 0);
  if (!spelled) return { sourceCardId: input.SourceCardId, destinationCardId: input.DestinationCardId };
  if (input.transferTypes === 'CardToCard') throw DomainError.because('Invalid', 'CardsId', 'CardToCard names its cards as SourceCardId and DestinationCardId.');
  const side =
    input.transferTypes === 'TopUpCard' ? { field: 'DestinationCardId' as const, value: input.DestinationCardId } : { field: 'SourceCardId' as const, value: input.SourceCardId };
  const id = oneCardId([
    [side.field, side.value],
    ['CardId', input.CardId],
    ['CardsId', input.CardsId],
    ['TopUpCardsId', input.TopUpCardsId],
  ]);
  return input.transferTypes === 'TopUpCard' ? { sourceCardId: input.SourceCardId, destinationCardId: id } : { sourceCardId: id, destinationCardId: input.DestinationCardId };
}
