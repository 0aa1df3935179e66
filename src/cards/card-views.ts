import { apiBalances, unitsFromColumn } from '../ledger/index.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import type { RawJson } from '../shared/exact-json.js';
import { maskedNumber } from './card-network.js';
import type { CardTransactionRow, CardWithBalances } from './cards-repository.js';

/** USD: every card amount is written with two decimals. */
export const USD_DIGITS = 2;

export const usd = (units: bigint): RawJson => decimalLiteral(units, USD_DIGITS);
export const customersReference = (customersId: number): string => `CST${customersId}`;

export function cardBalances(card: CardWithBalances): { totalBalance: RawJson; availableBalance: RawJson; pendingBalance: RawJson } {
  const b = apiBalances({ posted: unitsFromColumn(card.posted), pendingIn: unitsFromColumn(card.pending_in), pendingOut: unitsFromColumn(card.pending_out) });
  return { totalBalance: usd(b.totalBalance), availableBalance: usd(b.availableBalance), pendingBalance: usd(b.pendingBalance) };
}

/** A card that can no longer be used is shown as suppressed. */
const suppressed = (card: CardWithBalances) => card.status === 'Closed' || card.status === 'Suspended';

export function cardSummaryView(card: CardWithBalances) {
  return { id: card.id, currency: card.currency, ...cardBalances(card), status: card.status };
}

export function activatedCardView(card: CardWithBalances) {
  return {
    customersId: card.customers_id,
    customerReference: customersReference(card.customers_id),
    card: { id: card.id, cardNumber: maskedNumber(card.last_four), currency: card.currency, ...cardBalances(card), bSuppressed: suppressed(card), status: card.status },
    notificationDetails: { siteUsersDetails: [] },
  };
}

export function listedCardView(card: CardWithBalances) {
  return { id: card.id, currency: card.currency, cardNumber: maskedNumber(card.last_four), ...cardBalances(card), bSuppressed: suppressed(card) };
}

export function pascalCardView(card: CardWithBalances) {
  const b = cardBalances(card);
  return {
    Id: card.id,
    Currency: card.currency,
    TotalBalance: b.totalBalance,
    AvailableBalance: b.availableBalance,
    PendingBalance: b.pendingBalance,
    bSuppressed: suppressed(card),
  };
}

export function cardDetailsView(card: CardWithBalances) {
  const b = cardBalances(card);
  return {
    id: card.id,
    customersID: card.customers_id,
    customersReference: customersReference(card.customers_id),
    cardHolderName: card.card_holder_name,
    cardLast4: card.last_four,
    currency: card.currency,
    ...b,
    status: card.status,
    cardType: card.card_type,
    approvalStatus: card.approval_status,
    bHasPin: card.pin_hash !== null,
    bPinLocked: card.b_pin_locked === 1,
  };
}

export function cardBalanceItemView(card: CardWithBalances) {
  return {
    id: card.id,
    customersReference: customersReference(card.customers_id),
    cardHolderName: card.card_holder_name,
    cardLast4: card.last_four,
    customersID: String(card.customers_id),
    currency: card.currency.toLowerCase(),
    ...cardBalances(card),
    status: card.status,
  };
}

export function cardTransactionView(row: CardTransactionRow) {
  return {
    id: row.id,
    cardsId: row.cards_id,
    amount: usd(unitsFromColumn(row.amount)),
    currency: row.currency,
    description: row.description,
    dateTime: row.date_time,
    bPending: row.b_pending === 1,
    RefundTransactionsID: row.refund_transactions_id,
    status: row.status,
    transactionType: row.kind,
  };
}
