import type { Kysely } from 'kysely';
import type { Selectable } from 'kysely';
import type { Database, LedgerBalancesTable } from '../db/schema.js';
import { formatCanonical } from '../shared/decimal.js';
import { unitsFromColumn } from './money-column.js';
import { parseSystemAccount } from './system-accounts.js';

export const VERIFY_BATCH_SIZE = 10_000;

type Sums = Map<string, bigint>;
type BalanceRow = Selectable<LedgerBalancesTable>;

function add(sums: Sums, key: string, amount: bigint): void {
  sums.set(key, (sums.get(key) ?? 0n) + amount);
}

export interface LedgerVerifyOptions {
  /** Now, as an ISO instant: holds are judged against it. */
  readonly now: string;
  /** How long past its deadline a pending hold may wait for the expiry sweep before it is a violation. */
  readonly holdExpiryGraceMs: number;
}

/**
 * Checks the ledger's invariants and returns every violation found (empty when sound): each
 * journal balances per asset and bucket; all legs balance per asset; every stored balance equals
 * the sum of its account's legs; every system account is one the registry knows; no account with
 * the no-overdraft rule is overdrawn; holds are consistent (captured at most their amount, pending
 * ones match the pending balances, none outlives its deadline). Sums are exact (bigint), in batches.
 */
export async function verifyLedger(db: Kysely<Database>, options: LedgerVerifyOptions): Promise<string[]> {
  const problems: string[] = [];
  const perAccount: Sums = new Map();
  const accountAssets = new Map<number, Set<string>>();
  const perJournal: Sums = new Map();
  const perAsset: Sums = new Map();
  const systemAccounts = new Map<string, string>();
  let lastId = 0;
  for (;;) {
    const batch = await db.selectFrom('ledger_legs').selectAll().where('id', '>', lastId).orderBy('id').limit(VERIFY_BATCH_SIZE).execute();
    for (const leg of batch) {
      const amount = unitsFromColumn(leg.amount);
      add(perJournal, `${leg.journals_id}/${leg.asset}/${leg.bucket}`, amount);
      add(perAsset, leg.asset, amount);
      if (leg.accounts_id !== null) {
        add(perAccount, `${leg.accounts_id}/${leg.bucket}`, amount);
        accountAssets.set(leg.accounts_id, (accountAssets.get(leg.accounts_id) ?? new Set()).add(leg.asset));
      }
      if (leg.system_account !== null) systemAccounts.set(`${leg.system_account}/${leg.asset}`, leg.system_account);
    }
    if (batch.length < VERIFY_BATCH_SIZE) break;
    lastId = (batch[batch.length - 1] as { id: number }).id;
  }
  for (const [key, sum] of perJournal) if (sum !== 0n) problems.push(`journal ${key} does not balance: ${formatCanonical(sum)}`);
  for (const [asset, sum] of perAsset) if (sum !== 0n) problems.push(`asset ${asset}: debits and credits differ by ${formatCanonical(sum)}`);
  for (const [key, code] of systemAccounts) {
    const parsed = parseSystemAccount(code);
    const asset = key.slice(code.length + 1);
    if (parsed === null) problems.push(`system account ${code} is not in the registry`);
    else if (parsed.asset !== asset) problems.push(`system account ${code} has a leg in ${asset}`);
  }
  const balances = await db.selectFrom('ledger_balances').selectAll().execute();
  problems.push(...verifyBalances(balances, perAccount, accountAssets));
  problems.push(...(await verifyHolds(db, balances, options)));
  return problems;
}

/** Stored balances equal their legs, in the account's one asset; the no-overdraft rule holds. */
function verifyBalances(rows: readonly BalanceRow[], perAccount: Sums, accountAssets: ReadonlyMap<number, ReadonlySet<string>>): string[] {
  const problems: string[] = [];
  const known = new Set(rows.map((r) => r.accounts_id));
  for (const id of accountAssets.keys()) if (!known.has(id)) problems.push(`legs on account ${id}, which has no ledger balance`);
  for (const r of rows) {
    const assets = accountAssets.get(r.accounts_id);
    if (assets !== undefined && (assets.size !== 1 || !assets.has(r.asset))) problems.push(`account ${r.accounts_id} (${r.asset}) has legs in ${[...assets].join(', ')}`);
    const stored = { posted: unitsFromColumn(r.posted), pending_in: unitsFromColumn(r.pending_in), pending_out: unitsFromColumn(r.pending_out) };
    for (const [bucket, actual] of Object.entries(stored)) {
      const expected = perAccount.get(`${r.accounts_id}/${bucket}`) ?? 0n;
      if (expected !== actual) problems.push(`account ${r.accounts_id}: stored ${bucket} ${formatCanonical(actual)} but legs sum to ${formatCanonical(expected)}`);
    }
    if (r.b_debits_must_not_exceed_credits === 1 && stored.posted + stored.pending_out < 0n)
      problems.push(`account ${r.accounts_id} is overdrawn (available ${formatCanonical(stored.posted + stored.pending_out)}) despite its no-overdraft rule`);
  }
  return problems;
}

/** Each hold is in one consistent state; the pending ones are exactly the pending balances. */
async function verifyHolds(db: Kysely<Database>, balances: readonly BalanceRow[], options: LedgerVerifyOptions): Promise<string[]> {
  const problems: string[] = [];
  const latePending = new Date(Date.parse(options.now) - options.holdExpiryGraceMs).toISOString();
  const pendingPerAccount: Sums = new Map();
  for (const h of await db.selectFrom('ledger_holds').selectAll().execute()) {
    const amount = unitsFromColumn(h.amount);
    const captured = unitsFromColumn(h.captured_amount);
    const magnitude = (x: bigint) => (x < 0n ? -x : x);
    if (captured !== 0n && captured > 0n !== amount > 0n) problems.push(`hold ${h.id}: captured ${formatCanonical(captured)} against a hold of ${formatCanonical(amount)}`);
    if (magnitude(captured) > magnitude(amount)) problems.push(`hold ${h.id} is captured beyond its amount (${formatCanonical(captured)} of ${formatCanonical(amount)})`);
    if (h.status === 'pending') {
      add(pendingPerAccount, `${h.accounts_id}/${amount > 0n ? 'pending_in' : 'pending_out'}`, amount);
      if (captured !== 0n || h.date_ended !== null || h.ended_journals_id !== null) problems.push(`hold ${h.id} is pending but has an end`);
      if (h.deadline !== null && h.deadline < latePending) problems.push(`hold ${h.id} outlives its deadline ${h.deadline}`);
    } else if (h.date_ended === null || h.ended_journals_id === null) {
      problems.push(`hold ${h.id} is ${h.status} without an ending journal`);
    } else if (h.status !== 'expired' && h.deadline !== null && h.date_ended > h.deadline) {
      problems.push(`hold ${h.id} was ${h.status} at ${h.date_ended}, after its deadline ${h.deadline}`);
    }
    if (h.status !== 'captured' && captured !== 0n) problems.push(`hold ${h.id} is ${h.status} but records a capture`);
  }
  for (const r of balances) {
    for (const bucket of ['pending_in', 'pending_out'] as const) {
      const held = pendingPerAccount.get(`${r.accounts_id}/${bucket}`) ?? 0n;
      if (held !== unitsFromColumn(r[bucket]))
        problems.push(`account ${r.accounts_id}: ${bucket} ${formatCanonical(unitsFromColumn(r[bucket]))} but its pending holds sum to ${formatCanonical(held)}`);
    }
  }
  return problems;
}
