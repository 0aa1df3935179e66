import type { Kysely, Selectable } from 'kysely';
import type { Database, ScreeningRulesTable } from '../db/schema.js';
import { unitsFromColumn, unitsToColumn } from '../ledger/index.js';
import { canonicalAddress, isAddressBlocked } from './screening-repository.js';

export type ScreeningRuleRow = Selectable<ScreeningRulesTable>;
export type CounterpartyType = 'address' | 'account_number' | 'name';

/** The transaction types the daily count rule counts (the ones screening sees). */
export const SCREENED_TRANSACTION_TYPES = ['ExternalTransfer', 'Withdrawal', 'Deposit'] as const;
export const SCREENING_RULE_VALUE_LENGTH_MAX = 200;

/** The rules an operator may add: one kind each. */
export type RuleDirection = 'any' | 'in' | 'out';

export type NewScreeningRule = { readonly direction: RuleDirection } & (
  | { readonly kind: 'amount'; readonly asset: string; readonly threshold: bigint }
  | { readonly kind: 'watchlist'; readonly asset: string; readonly counterpartyType: CounterpartyType; readonly value: string }
  | { readonly kind: 'daily_count'; readonly asset: string; readonly countMax: number }
);

/** The parties of a transaction that watch-list rules compare with (any may be absent). */
export interface Counterparty {
  readonly address?: string | null;
  readonly accountNumbers?: readonly (string | null | undefined)[];
  readonly names?: readonly (string | null | undefined)[];
}

export interface ScreeningInput {
  readonly customersId: number;
  readonly asset: string;
  /** Money arriving (a deposit) or leaving (a transfer, a withdrawal). */
  readonly direction: 'in' | 'out';
  /** The amount moved, positive, in units (18 decimal places). */
  readonly amount: bigint;
  readonly counterparty: Counterparty;
  /** The transaction's time (ISO 8601 UTC): its UTC day is the one the daily count counts. */
  readonly dateTime: string;
}

export type ScreeningOutcome = { readonly outcome: 'clear' } | { readonly outcome: 'blocked' } | { readonly outcome: 'flagged'; readonly reasons: readonly string[] };

/** Watch-list values compare in one canonical form per type. */
export function canonicalValue(type: CounterpartyType, value: string): string {
  if (type === 'address') return canonicalAddress(value);
  if (type === 'account_number') return value.replace(/[\s-]/g, '').toUpperCase();
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function addScreeningRule(db: Kysely<Database>, rule: NewScreeningRule, dateAdded: string): Promise<number> {
  const values = {
    kind: rule.kind,
    asset: rule.asset,
    direction: rule.direction,
    threshold: rule.kind === 'amount' ? unitsToColumn(rule.threshold) : null,
    counterparty_type: rule.kind === 'watchlist' ? rule.counterpartyType : null,
    value: rule.kind === 'watchlist' ? canonicalValue(rule.counterpartyType, rule.value) : null,
    count_max: rule.kind === 'daily_count' ? rule.countMax : null,
    date_added: dateAdded,
  };
  const row = await db.insertInto('screening_rules').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function removeScreeningRule(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('screening_rules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listScreeningRules(db: Kysely<Database>): Promise<ScreeningRuleRow[]> {
  return db.selectFrom('screening_rules').selectAll().orderBy('id').execute();
}

/** The UTC day of an ISO timestamp, as the [start, end) range of timestamps in it. */
function utcDay(dateTime: string): { start: string; end: string } {
  const startMs = Date.parse(`${dateTime.slice(0, 10)}T00:00:00.000Z`);
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  return { start: iso(startMs), end: iso(startMs + 86_400_000) };
}

async function screenedToday(db: Kysely<Database>, customersId: number, asset: string, dateTime: string): Promise<number> {
  const day = utcDay(dateTime);
  let query = db
    .selectFrom('transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('customers_id', '=', customersId)
    .where('date_time', '>=', day.start)
    .where('date_time', '<', day.end)
    .where('transaction_type', 'in', [...SCREENED_TRANSACTION_TYPES]);
  if (asset !== '*') query = query.where('asset', '=', asset);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

function watchListHit(rule: ScreeningRuleRow, c: Counterparty): boolean {
  const type = rule.counterparty_type;
  if (type === null || rule.value === null) return false;
  const candidates = type === 'address' ? [c.address] : type === 'account_number' ? (c.accountNumbers ?? []) : (c.names ?? []);
  return candidates.some((v) => typeof v === 'string' && v.trim() !== '' && canonicalValue(type, v) === rule.value);
}

/**
 * Screens one transaction: `blocked` when its address is on the block list (refused at once),
 * `flagged` with the matching rules' reasons (held for review), `clear` otherwise. Run inside the
 * transaction's own database transaction, so the daily count sees the rows committed before it.
 */
export async function screenTransaction(db: Kysely<Database>, input: ScreeningInput): Promise<ScreeningOutcome> {
  const address = input.counterparty.address;
  if (typeof address === 'string' && address.trim() !== '' && (await isAddressBlocked(db, address, input.asset))) return { outcome: 'blocked' };
  const rules = await db
    .selectFrom('screening_rules')
    .selectAll()
    .where('asset', 'in', [input.asset, '*'])
    .where('direction', 'in', [input.direction, 'any'])
    .orderBy('id')
    .execute();
  const reasons: string[] = [];
  for (const rule of rules) {
    if (rule.kind === 'amount' && rule.threshold !== null && input.amount >= unitsFromColumn(rule.threshold)) reasons.push(`amount at or above the threshold of rule ${rule.id}`);
    if (rule.kind === 'watchlist' && watchListHit(rule, input.counterparty)) reasons.push(`counterparty ${rule.counterparty_type} on the watch list (rule ${rule.id})`);
    if (rule.kind === 'daily_count' && rule.count_max !== null && (await screenedToday(db, input.customersId, rule.asset, input.dateTime)) >= rule.count_max) {
      reasons.push(`more than ${rule.count_max} transactions today (rule ${rule.id})`);
    }
  }
  return reasons.length === 0 ? { outcome: 'clear' } : { outcome: 'flagged', reasons };
}
