import type { ApiErrorItem } from './errors.js';

/** Ibanera's answer around every result: `status` "1" with `details`, or "0" with `errors`. */
export interface Envelope<Details> {
  readonly id: number;
  readonly details: Details;
  readonly status: '1' | '0';
  readonly errors: readonly ApiErrorItem[];
  /** On paged lists. */
  readonly pageSize?: number;
  readonly pageNumber?: number;
  readonly numberOfPages?: number;
}

/** Whether a parsed answer has the envelope's shape (anything else did not come from this API). */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (v['status'] === '1' || v['status'] === '0') && Array.isArray(v['errors']);
}
