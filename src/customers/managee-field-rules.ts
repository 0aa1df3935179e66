import countries from 'i18n-iso-countries';
import type { FieldError } from '../shared/domain-error.js';

/** Field checks for onboarding data. Each returns a FieldError or null; none throws. */
export const EMAIL_LENGTH_MAX = 254;
export const ADULT_AGE_YEARS = 18;
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function checkEmail(value: string, fieldName: string): FieldError | null {
  return value.length <= EMAIL_LENGTH_MAX && EMAIL.test(value) ? null : { fieldName, messageCode: 'Invalid' };
}

/** International numbers: an optional +, then 7 to 15 digits (E.164), spaces, dashes and brackets allowed. */
export function checkPhone(value: string, fieldName: string): FieldError | null {
  const digits = value.replace(/\D/g, '').length;
  return PHONE.test(value) && digits >= 7 && digits <= 15 ? null : { fieldName, messageCode: 'Invalid' };
}

/** ISO 3166-1 alpha-3 (or alpha-2) → the alpha-3 code, or null when unknown. */
export function countryAlpha3(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2,3}$/.test(code) || !countries.isValid(code)) return null;
  return code.length === 3 ? code : (countries.alpha2ToAlpha3(code) ?? null);
}

/** A real calendar date (YYYY-MM-DD) in the past, of someone at least 18 years old on `todayIso`. */
export function checkDateOfBirth(value: string, todayIso: string, fieldName: string): FieldError | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return { fieldName, messageCode: 'Invalid' };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) return { fieldName, messageCode: 'Invalid' };
  const adultOn = `${String(year + ADULT_AGE_YEARS).padStart(4, '0')}-${match[2]}-${match[3]}`;
  return value < todayIso.slice(0, 10) && adultOn <= todayIso.slice(0, 10) ? null : { fieldName, messageCode: 'Invalid' };
}

/** Decoded size of a base64 document, or null when it is not base64. */
export function base64Size(value: string): number | null {
  const compact = value.replace(/\s/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return null;
  return (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
}
