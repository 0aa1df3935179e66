const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

export interface IsoParts {
  /** Milliseconds since the epoch; a missing offset means UTC. */
  readonly ms: number;
  readonly dateOnly: boolean;
}

/**
 * A strict ISO 8601 date or date-time: every field must be in range (no 2031-02-30 rolling over to
 * March, as Date.parse does). Returns null for anything else. Never throws.
 */
export function parseIsoInstant(text: string): IsoParts | null {
  const m = ISO.exec(text);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const fraction = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  let offsetMs = 0;
  const offset = m[8];
  if (offset !== undefined && offset.toUpperCase() !== 'Z') {
    const digits = offset.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return null;
    offsetMs = (digits.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  return { ms: date.getTime() + fraction - offsetMs, dateOnly: m[4] === undefined };
}
