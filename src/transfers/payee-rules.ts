import type { PayeeFields } from './contract.js';
import countries from 'i18n-iso-countries';
import type { FieldError } from '../shared/domain-error.js';
import { isValidAbaRoutingNumber, isValidBic, isValidIban, isValidInternationalAccountNumber, isValidUsAccountNumber } from './bank-codes.js';

export type Rail = 'ACH' | 'WIRE' | 'SWIFT';
export type PayeeType = 'Personal' | 'Company';

/** A beneficiary's bank details, as saved or given inline with a transfer. */
export interface PayeeDetails {
  readonly transferType: Rail;
  readonly payeeType: PayeeType;
  readonly name: string;
  readonly accountName: string | null;
  readonly accountNumber: string | null;
  readonly routingNumber: string | null;
  readonly swiftCode: string | null;
  readonly intermediaryBic: string | null;
  readonly iban: string | null;
  /** ISO 3166-1 alpha-3. */
  readonly countryCode: string;
  readonly addressLine1: string | null;
  readonly townCity: string | null;
  readonly postcode: string | null;
  readonly state: string | null;
}

/** `Wire` (a real client's spelling), `WIRE`, `wire` are one rail. */
export function railOf(text: string | undefined): Rail | null {
  const upper = text?.toUpperCase();
  return upper === 'ACH' || upper === 'WIRE' || upper === 'SWIFT' ? upper : null;
}

function payeeTypeOf(text: string | undefined): PayeeType | null {
  const lower = (text ?? 'Personal').toLowerCase();
  if (lower === 'personal' || lower === 'individual') return 'Personal';
  if (lower === 'company' || lower === 'business') return 'Company';
  return null;
}

function countryOf(text: string | undefined, rail: Rail): string | null {
  const code = (text ?? (rail === 'SWIFT' ? '' : 'USA')).trim().toUpperCase();
  if (!/^[A-Z]{2,3}$/.test(code) || !countries.isValid(code)) return null;
  return code.length === 3 ? code : (countries.alpha2ToAlpha3(code) ?? null);
}

const clean = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());

/** Written-out "none" that clients put in an optional BIC field. */
const NONE_WORDS = new Set(['N/A', 'NA', 'NONE', 'NULL', '-']);

/**
 * Whether an intermediary BIC is a placeholder for "no intermediary bank": only X's (`XXXX`,
 * `XXXXXXXX`, `XXXXXXXXXXX`, as real clients send) or a written-out none (`N/A`, `NA`, `NONE`,
 * `NULL`, `-`). None of these can be a BIC (a BIC's country part is a real country, never `XX`, and
 * a BIC has 8 or 11 characters), so reading them as "none" never drops a real intermediary.
 */
export function isNoIntermediary(text: string): boolean {
  const value = text.trim().toUpperCase();
  return /^X+$/.test(value) || NONE_WORDS.has(value);
}

/**
 * The rail a payee sent on `rail` is really reached by. Real clients send a Wire payee by its
 * bank's SWIFT code, with no routing number: a bank the directory knows with a routing number is a
 * domestic wire to that routing number; any other bank is abroad, so the wire is international and
 * travels by SWIFT. Other rails, and a Wire payee with a routing number or no SWIFT code, are taken
 * as given (their own rules then apply).
 */
export function wireRoute(fields: PayeeFields, rail: Rail, routingNumberOf: (swiftCode: string) => string | null): { rail: Rail; fields: PayeeFields } {
  const swiftCode = clean(fields.SwiftCode);
  if (rail !== 'WIRE' || clean(fields.RoutingNumber) !== null || swiftCode === null) return { rail, fields };
  const routingNumber = routingNumberOf(swiftCode);
  return routingNumber === null ? { rail: 'SWIFT', fields } : { rail, fields: { ...fields, RoutingNumber: routingNumber } };
}

/**
 * Checks a payee against its rail: ACH and Wire are US domestic (an ABA routing number with a valid
 * checksum, a 4–17 digit account number, country USA); SWIFT needs a valid BIC and an IBAN (mod-97)
 * or an account number, and the beneficiary's country. A placeholder intermediary BIC means none.
 * Returns the details or every problem found, with field names under `prefix` (e.g. `Payee.`).
 */
export function checkPayee(fields: PayeeFields, railText: string | undefined, prefix: string): { ok: true; payee: PayeeDetails } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const bad = (name: string, messageCode: FieldError['messageCode'] = 'Invalid') => errors.push({ fieldName: prefix + name, messageCode });
  const rail = railOf(railText ?? fields.TransferType);
  if (rail === null) {
    bad('TransferType', railText === undefined && fields.TransferType === undefined ? 'Required' : 'Invalid');
    return { ok: false, errors };
  }
  const payeeType = payeeTypeOf(fields.PayeeType ?? fields.Type);
  if (payeeType === null) bad('PayeeType');
  const name = clean(fields.Name) ?? clean(fields.AccountName);
  if (name === null) bad('Name', 'Required');
  const country = countryOf(fields.CountryCode, rail);
  if (country === null) bad('CountryCode', fields.CountryCode === undefined ? 'Required' : 'Invalid');
  const accountNumber = clean(fields.AccountNumber);
  const routingNumber = clean(fields.RoutingNumber);
  const swiftCode = clean(fields.SwiftCode)?.toUpperCase() ?? null;
  const iban = clean(fields.Iban)?.replace(/\s/g, '').toUpperCase() ?? null;
  const intermediary = clean(fields.IntermediaryBic);
  const intermediaryBic = intermediary === null || isNoIntermediary(intermediary) ? null : intermediary.toUpperCase();
  if (rail === 'SWIFT') {
    if (swiftCode === null) bad('SwiftCode', 'Required');
    else if (!isValidBic(swiftCode)) bad('SwiftCode');
    if (iban === null && accountNumber === null) bad('AccountNumber', 'Required');
    if (iban !== null && !isValidIban(iban)) bad('Iban');
    if (accountNumber !== null && !isValidInternationalAccountNumber(accountNumber)) bad('AccountNumber');
  } else {
    if (routingNumber === null) bad('RoutingNumber', 'Required');
    else if (!isValidAbaRoutingNumber(routingNumber)) bad('RoutingNumber');
    if (accountNumber === null) bad('AccountNumber', 'Required');
    else if (!isValidUsAccountNumber(accountNumber)) bad('AccountNumber');
    if (country !== null && country !== 'USA') bad('CountryCode');
  }
  if (intermediaryBic !== null && !isValidBic(intermediaryBic)) bad('IntermediaryBic');
  if (errors.length > 0 || payeeType === null || name === null || country === null) return { ok: false, errors };
  return {
    ok: true,
    payee: {
      transferType: rail,
      payeeType,
      name,
      accountName: clean(fields.AccountName),
      accountNumber,
      routingNumber: rail === 'SWIFT' ? null : routingNumber,
      swiftCode,
      intermediaryBic,
      iban,
      countryCode: country,
      addressLine1: clean(fields.AddressLine1),
      townCity: clean(fields.TownCity),
      postcode: clean(fields.Postcode),
      state: clean(fields.State),
    },
  };
}
