import { lastFour, luhnValid, normalizePan } from '../shared/card-number.js';
import { DomainError } from '../shared/domain-error.js';

/** Card details as a buyer types them (page form, Quick Buy submit, a card to save). */
export interface CardDetails {
  readonly number: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  /** Checked (3 or 4 digits) and never stored, logged or echoed. */
  readonly cvc: string | null;
  readonly holderName: string;
}

export interface CheckedCard {
  readonly pan: string;
  readonly last4: string;
  readonly brand: string;
  readonly expiryMonth: number;
  readonly expiryYear: number;
  readonly holderName: string;
}

export const HOLDER_NAME_LENGTH_MAX = 100;

/** The sandbox's test cards (decisions-modules.md); any other valid number is approved in sandbox. */
export const TEST_CARDS = { success: '4242424242424242', declined: '4000000000000002', insufficientFunds: '4000000000009995' } as const;

export type CardOutcome = 'approved' | 'declined' | 'insufficient_funds';

export function brandOf(pan: string): string {
  if (pan.startsWith('4')) return 'Visa';
  if (/^(5[1-5]|2[2-7])/.test(pan)) return 'Mastercard';
  if (/^3[47]/.test(pan)) return 'Amex';
  return 'Card';
}

/** A two-digit year is this century's. */
function fullYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

/**
 * Checks card details, or throws the code of the first problem on `fields` names: a number that
 * fails Luhn (`Invalid_Card_Number`), a month or year out of range, an expiry in the past
 * (`Card_Expired`: a card is valid through the last day of its expiry month, UTC), a bad CVC.
 */
export function checkCard(card: CardDetails, nowMs: number, fields: { number: string; month: string; year: string; cvc: string; holder: string }): CheckedCard {
  const pan = normalizePan(card.number);
  if (!luhnValid(pan)) throw new DomainError('Invalid_Card_Number', fields.number);
  if (!Number.isInteger(card.expiryMonth) || card.expiryMonth < 1 || card.expiryMonth > 12) throw new DomainError('Invalid', fields.month);
  const year = fullYear(card.expiryYear);
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new DomainError('Invalid', fields.year);
  const now = new Date(nowMs);
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (year * 12 + (card.expiryMonth - 1) < nowIndex) throw new DomainError('Card_Expired', fields.month);
  if (card.cvc !== null && !/^\d{3,4}$/.test(card.cvc)) throw new DomainError('Invalid', fields.cvc);
  const holderName = card.holderName.trim();
  if (holderName.length < 2 || holderName.length > HOLDER_NAME_LENGTH_MAX) throw new DomainError('Invalid_Length', fields.holder);
  return { pan, last4: lastFour(pan), brand: brandOf(pan), expiryMonth: card.expiryMonth, expiryYear: year, holderName };
}

/** What the simulated card network answers for this number (sandbox). */
export function sandboxOutcome(pan: string): CardOutcome {
  if (pan === TEST_CARDS.declined) return 'declined';
  if (pan === TEST_CARDS.insufficientFunds) return 'insufficient_funds';
  return 'approved';
}

/** The error code of a refused charge. */
export function declineCode(outcome: Exclude<CardOutcome, 'approved'>): 'Card_Declined' | 'Card_Insufficient_Funds' {
  return outcome === 'declined' ? 'Card_Declined' : 'Card_Insufficient_Funds';
}
