import { randomInt } from 'node:crypto';
import { withLuhnDigit } from '../shared/card-number.js';

/**
 * The card network: what issues a card's credentials and, in the sandbox, sends authorizations,
 * captures, reversals and refunds (card-network-simulator.ts drives those). The simulator is the
 * one implementation; a processor's integration would be another (docs/cards.md).
 */
export interface IssuedCredentials {
  readonly cardNumber: string;
  readonly cvc: string;
  /** The card's last valid instant, ISO 8601 UTC (as sensitive-details shows it). */
  readonly expiryDate: string;
}

export interface CardNetwork {
  readonly name: string;
  issueCredentials(nowMs: number): IssuedCredentials;
}

/** A test BIN (the issuer prefix of 4111 1111 1111 1111): sandbox numbers never reach a real network. */
export const SANDBOX_TEST_BIN = '411111';
export const CARD_NUMBER_LENGTH = 16;
export const CARD_VALIDITY_YEARS = 3;

function randomDigits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i += 1) out += String(randomInt(10));
  return out;
}

/** The sandbox's network: Luhn-valid numbers from the test BIN, a random CVC, valid three years. */
export class SimulatedCardNetwork implements CardNetwork {
  readonly name = 'simulator';

  issueCredentials(nowMs: number): IssuedCredentials {
    const partial = SANDBOX_TEST_BIN + randomDigits(CARD_NUMBER_LENGTH - SANDBOX_TEST_BIN.length - 1);
    const now = new Date(nowMs);
    // The last millisecond of the month, three years on.
    const expiry = new Date(Date.UTC(now.getUTCFullYear() + CARD_VALIDITY_YEARS, now.getUTCMonth() + 1, 1) - 1);
    return { cardNumber: withLuhnDigit(partial), cvc: randomDigits(3), expiryDate: expiry.toISOString() };
  }
}

/** `**** **** **** 1234`: the only form of a number outside sensitive-details. */
export function maskedNumber(lastFour: string): string {
  return `**** **** **** ${lastFour}`;
}
