import { formatCanonical } from '../shared/decimal.js';
import { DomainError } from '../shared/domain-error.js';
import {
  BUSINESS_ACTIVITY_TYPES,
  CARD_CURRENCIES,
  CARD_PROGRAM_DEFAULT,
  CARD_PROGRAMS,
  CARD_TYPES,
  CUSTOMER_SUBTYPES,
  OCCUPATION_TYPES,
  SHIPPING_METHODS,
  SOURCE_OF_FUNDS_TYPES,
  type CardType,
  type CodeItem,
} from './compliance-fields.js';
import type { BusinessReviewDetails, CreateCardBody, PersonalReviewDetails, ShippingAddress } from './contract.js';

/** US states, DC and the territories cards ship to (USPS codes). */
export const US_STATE_CODES: ReadonlySet<string> = new Set(
  (
    'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' + 'DC PR GU VI AS MP'
  ).split(' '),
);
export const DAY_MS = 86_400_000;
const US_POSTCODE = /^\d{5}(-\d{4})?$/;
const COUNTRY_CODE = /^[A-Za-z]{2,3}$/;

/** The validated card a create request asks for. */
export interface CardRequest {
  readonly cardType: CardType;
  readonly cardProgramId: number;
  readonly currency: 'USD';
  readonly cardReferenceId: string | null;
  readonly shippingMethod: string | null;
  readonly shipping: ShippingAddress | null;
  readonly review: Readonly<Record<string, unknown>>;
}

function pick<T extends string>(values: readonly T[], raw: string | undefined, field: string, fallback: T | null): T {
  if (raw === undefined) {
    if (fallback === null) throw new DomainError('Required', field);
    return fallback;
  }
  const found = values.find((v) => v.toLowerCase() === raw.trim().toLowerCase());
  if (found === undefined) throw new DomainError('Invalid', field);
  return found;
}

function codeOf(list: readonly CodeItem[], raw: string | undefined, field: string): number | null {
  if (raw === undefined) return null;
  const id = /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!list.some((c) => c.id === id)) throw new DomainError('Invalid', field);
  return id;
}

/**
 * A shipping address: line 1, city, state, postcode and country required. A US address (and any
 * card with a DDA, which ships to the USA only) has a USPS state code and a 12345 or 12345-1234 ZIP.
 */
export function checkShippingAddress(address: ShippingAddress | undefined, usOnly: boolean): ShippingAddress {
  const field = (name: keyof ShippingAddress) => `shippingAddress.${name}`;
  if (address === undefined) throw new DomainError('Required', 'shippingAddress');
  for (const name of ['shippingAddressLine1', 'shippingAddressCity', 'shippingAddressState', 'shippingAddressPostcode', 'shippingAddressCountry'] as const) {
    if (address[name] === undefined || address[name].trim() === '') throw new DomainError('Required', field(name));
  }
  const country = (address.shippingAddressCountry as string).trim().toUpperCase();
  if (!COUNTRY_CODE.test(country)) throw new DomainError('Invalid', field('shippingAddressCountry'));
  const isUs = country === 'USA' || country === 'US';
  if (usOnly && country !== 'USA') throw new DomainError('Invalid', field('shippingAddressCountry'));
  if (isUs) {
    if (!US_STATE_CODES.has((address.shippingAddressState as string).trim().toUpperCase())) throw new DomainError('Invalid', field('shippingAddressState'));
    if (!US_POSTCODE.test((address.shippingAddressPostcode as string).trim())) throw new DomainError('Invalid', field('shippingAddressPostcode'));
  }
  return { ...address, shippingAddressCountry: country, shippingAddressState: (address.shippingAddressState as string).trim().toUpperCase() };
}

const ENTITY_TYPES = {
  create: ['LLC', 'Corporation', 'Partnership', 'Sole Proprietor'],
  dda: ['Corporation', 'LLC', 'Partnership', 'Sole Proprietorship'],
} as const;

function checkBusinessReview(details: BusinessReviewDetails, withDda: boolean): void {
  const required = ['legalEntityName', 'entityType', 'registeredAddressStreet', 'registeredAddressCity', 'registeredAddressState', 'registeredAddressPostcode'] as const;
  for (const name of [...required, ...(withDda ? [] : (['doingBusinessAs'] as const))]) {
    if (details[name] === undefined) throw new DomainError('Required', `businessReviewDetails.${name}`);
  }
  const types: readonly string[] = withDda ? ENTITY_TYPES.dda : ENTITY_TYPES.create;
  if (!types.includes(details.entityType as string)) throw new DomainError('Invalid', 'businessReviewDetails.entityType');
}

function checkPersonalReview(details: PersonalReviewDetails): void {
  if (details.sourceOfFunds === undefined || details.sourceOfFunds.length === 0) throw new DomainError('Required', 'personalReviewDetails.sourceOfFunds');
  if (details.estimatedGrossAnnualIncome !== undefined && details.estimatedGrossAnnualIncome < 0n)
    throw new DomainError('Invalid', 'personalReviewDetails.estimatedGrossAnnualIncome');
  if (details.estimatedNetWorth !== undefined && details.estimatedNetWorth < 0n) throw new DomainError('Invalid', 'personalReviewDetails.estimatedNetWorth');
}

export interface ReviewRule {
  /** The customer was onboarded more than six months ago: review details are required. */
  readonly reviewRequired: boolean;
  /** Business customers give businessReviewDetails; personal ones personalReviewDetails. */
  readonly business: boolean;
}

/**
 * Validates a create (or create-with-dda) body. Ibanera's rules where documented: USD only (the
 * new version), Standard/Express shipping (Priority from the older version, not with a DDA), a
 * physical card needs its shipping address, review details for customers older than six months.
 */
export function checkCardRequest(input: CreateCardBody, rule: ReviewRule, withDda: boolean): CardRequest {
  const currency = pick(CARD_CURRENCIES, input.currency, 'currency', 'USD');
  const cardType = pick(CARD_TYPES, input.cardType, 'cardType', withDda ? 'Physical' : 'Virtual');
  const cardProgramId = input.cardProgramID ?? (withDda ? null : CARD_PROGRAM_DEFAULT);
  if (cardProgramId === null) throw new DomainError('Required', 'cardProgramID');
  if (!CARD_PROGRAMS.some((p) => p.id === cardProgramId)) throw new DomainError('Invalid', 'cardProgramID');
  let shippingMethod: string | null = null;
  let shipping: ShippingAddress | null = null;
  if (cardType === 'Physical') {
    shippingMethod = pick(withDda ? SHIPPING_METHODS.filter((m) => m !== 'Priority') : SHIPPING_METHODS, input.shippingMethod, 'shippingMethod', null);
    shipping = checkShippingAddress(input.shippingAddress, withDda);
  } else if (input.shippingMethod !== undefined) {
    pick(SHIPPING_METHODS, input.shippingMethod, 'shippingMethod', null);
  }
  const codes = {
    customerSubtype: codeOf(CUSTOMER_SUBTYPES, input.customerSubtype, 'customerSubtype'),
    businessActivityType: codeOf(BUSINESS_ACTIVITY_TYPES, input.businessActivityType, 'businessActivityType'),
    occupationType: codeOf(OCCUPATION_TYPES, input.occupationType, 'occupationType'),
    sourceOfFundsType: codeOf(SOURCE_OF_FUNDS_TYPES, input.sourceOfFundsType, 'sourceOfFundsType'),
  };
  if (input.businessReviewDetails !== undefined) checkBusinessReview(input.businessReviewDetails, withDda);
  if (input.personalReviewDetails !== undefined) checkPersonalReview(input.personalReviewDetails);
  if (rule.reviewRequired) {
    if (rule.business && input.businessReviewDetails === undefined) throw new DomainError('Required', 'businessReviewDetails');
    if (!rule.business && input.personalReviewDetails === undefined) throw new DomainError('Required', 'personalReviewDetails');
  }
  return {
    cardType,
    cardProgramId,
    currency,
    cardReferenceId: input.cardReferenceId ?? null,
    shippingMethod,
    shipping,
    review: { ...codes, personalReviewDetails: storedPersonalReview(input.personalReviewDetails), businessReviewDetails: input.businessReviewDetails ?? null },
  };
}

/** Review amounts are kept as exact decimal text (JSON has no bigint). */
function storedPersonalReview(details: PersonalReviewDetails | undefined): Record<string, unknown> | null {
  if (details === undefined) return null;
  const amount = (units: bigint | undefined) => (units === undefined ? null : formatCanonical(units));
  return { ...details, estimatedGrossAnnualIncome: amount(details.estimatedGrossAnnualIncome), estimatedNetWorth: amount(details.estimatedNetWorth) };
}

/** Six calendar months before `nowMs` (the review rule's boundary), as an ISO instant. */
export function sixMonthsBefore(nowMs: number): string {
  const d = new Date(nowMs);
  d.setUTCMonth(d.getUTCMonth() - 6);
  return d.toISOString();
}

/** Trivial PINs refused as a NewPin: one digit repeated, and straight runs up or down. */
export function isTrivialPin(pin: string): boolean {
  if (/^(\d)\1{3}$/.test(pin)) return true;
  const digits = [...pin].map(Number);
  const step = (digits[1] as number) - (digits[0] as number);
  return (step === 1 || step === -1) && digits.every((d, i) => i === 0 || d - (digits[i - 1] as number) === step);
}

export function checkNewPin(pin: string | undefined, field: string): string {
  if (pin === undefined) throw new DomainError('Required', field);
  if (!/^\d{4}$/.test(pin)) throw DomainError.because('Invalid', field, `${field} must be exactly four digits.`);
  if (isTrivialPin(pin)) throw DomainError.because('Invalid', field, `${field} is too easy to guess: four equal digits or a run such as 1234 or 5678 are refused.`);
  return pin;
}
