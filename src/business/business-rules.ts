import type { FieldError } from '../shared/domain-error.js';
import { REQUESTED_PRODUCTS } from './business-parameters.js';

/** Formatting people type inside a phone number; anything else makes it invalid. */
const PHONE_FORMATTING = /[\s().-]/g;
const E164 = /^\+[1-9]\d{6,14}$/;

/** An E.164 number (`+`, country code, 7 to 15 digits in all) once formatting is dropped, or null. */
export function e164(value: string): string | null {
  const compact = value.replace(PHONE_FORMATTING, '');
  return E164.test(compact) ? compact : null;
}

/** The requested products in their canonical spelling (deduplicated), or the error. */
export function requestedProducts(values: readonly string[], fieldName: string): { ok: true; products: string[] } | { ok: false; error: FieldError } {
  if (values.length === 0) return { ok: false, error: { fieldName, messageCode: 'Required' } };
  const products: string[] = [];
  for (const value of values) {
    const found = REQUESTED_PRODUCTS.find((p) => p.toLowerCase() === value.trim().toLowerCase());
    if (found === undefined) return { ok: false, error: { fieldName, messageCode: 'Invalid_RequestedProducts' } };
    if (!products.includes(found)) products.push(found);
  }
  return { ok: true, products };
}

/** A real calendar date (YYYY-MM-DD) before `todayIso`. */
export function isPastDate(value: string, todayIso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1800 && value < todayIso.slice(0, 10);
}

/** Unique-index violations on both databases (a concurrent create took the e-mail first). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e !== null && typeof e === 'object' && (e.code === '23505' || (typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed')));
}
