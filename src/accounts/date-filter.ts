import { isoTimestamp } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /([Zz]|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;

function parseInstant(text: string, fieldName: string): number {
  const ms = Date.parse(DATE_ONLY.test(text) || HAS_OFFSET.test(text) ? text : `${text}Z`);
  if (Number.isNaN(ms)) throw new DomainError('Invalid', fieldName);
  return ms;
}

/**
 * FromDate/ToDate as a half-open range of stored timestamps. Dates without a time cover the whole
 * day (ToDate=2022-07-31 includes all of the 31st); times without an offset are UTC.
 */
export function dateRange(fromDate: string | undefined, toDate: string | undefined): { from: string | null; toExclusive: string | null } {
  const from = fromDate === undefined ? null : parseInstant(fromDate, 'FromDate');
  let to: number | null = null;
  if (toDate !== undefined) to = parseInstant(toDate, 'ToDate') + (DATE_ONLY.test(toDate) ? DAY_MS : 1);
  if (from !== null && to !== null && from >= to) throw new DomainError('Invalid', 'FromDate');
  return { from: from === null ? null : isoTimestamp(from), toExclusive: to === null ? null : isoTimestamp(to) };
}
