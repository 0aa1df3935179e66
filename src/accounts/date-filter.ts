import { isoTimestamp } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { parseIsoInstant } from '../shared/iso-date.js';
import { say } from '../shared/error-messages.js';

const DAY_MS = 86_400_000;

/**
 * FromDate/ToDate as a half-open range of stored timestamps. Dates without a time cover the whole
 * day (ToDate=2022-07-31 includes all of the 31st); times without an offset are UTC.
 */
export function dateRange(fromDate: string | undefined, toDate: string | undefined): { from: string | null; toExclusive: string | null } {
  const from = fromDate === undefined ? null : parseIsoInstant(fromDate);
  if (from === null && fromDate !== undefined) throw DomainError.because('Invalid', 'FromDate', say.dateTime('FromDate'));
  const to = toDate === undefined ? null : parseIsoInstant(toDate);
  if (to === null && toDate !== undefined) throw DomainError.because('Invalid', 'ToDate', say.dateTime('ToDate'));
  const toExclusive = to === null ? null : to.ms + (to.dateOnly ? DAY_MS : 1);
  if (from !== null && toExclusive !== null && from.ms >= toExclusive) throw DomainError.because('Invalid', 'FromDate', 'FromDate must be before ToDate.');
  return { from: from === null ? null : isoTimestamp(from.ms), toExclusive: toExclusive === null ? null : isoTimestamp(toExclusive) };
}
