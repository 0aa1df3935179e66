// The end-of-run checks of the bank workload, read straight from the database and compared with
// the model built from acknowledged answers (bank-model.ts). Each returns problems, never throws.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { formatCanonical } from '../../src/shared/decimal.js';
import { unitsFromColumn } from '../../src/ledger/index.js';
import { ASSETS, type Asset, type BankModel } from './bank-model.js';
import { housePositions } from '../../src/markets/index.js';

export interface MoneyFigures {
  readonly asset: Asset;
  readonly moneyIn: string;
  readonly moneyOut: string;
  readonly customerBalances: string;
  /** The house's and revenue's share from trades (customers + house = in − out). */
  readonly house: string;
}

const fmt = formatCanonical;
const OUTBOUND_TYPES = new Set(['Withdrawal', 'ExternalTransfer', 'Fee', 'Reversal']);
/** Trades' rows (and their commission fees) move money to the house, not out of the bank. */
const TRADE_RAILS = new Set(['EXCHANGE', 'FX']);
const TRADE_TYPES = new Set(['AssetExchange', 'ForeignExchange']);

/**
 * Balances: each account's stored buckets equal the model exactly, none below zero (posted ≥ 0,
 * pending_in ≥ 0, pending_out ≤ 0, available = posted + pending_out ≥ 0); per asset, the sum of all
 * customer balances equals money in (pay-ins + completed deposits) minus money out (completed
 * withdrawals, external transfers with their fees, reversals), both as the model counted it and as
 * the transactions table records it.
 */
export async function checkBalances(db: Kysely<Database>, model: BankModel, problems: string[]): Promise<MoneyFigures[]> {
  const rows = await db.selectFrom('ledger_balances').select(['accounts_id as id', 'asset', 'posted', 'pending_in', 'pending_out']).execute();
  const sums = new Map<string, bigint>();
  for (const row of rows) {
    const posted = unitsFromColumn(row.posted);
    const pendingIn = unitsFromColumn(row.pending_in);
    const pendingOut = unitsFromColumn(row.pending_out);
    sums.set(row.asset, (sums.get(row.asset) ?? 0n) + posted);
    if (posted < 0n || pendingIn < 0n || pendingOut > 0n || posted + pendingOut < 0n) {
      problems.push(`account ${row.id}: a balance below zero (posted ${fmt(posted)}, pending_in ${fmt(pendingIn)}, pending_out ${fmt(pendingOut)})`);
    }
    const expected = model.accounts.get(row.id);
    if (expected === undefined) {
      problems.push(`account ${row.id} (${row.asset}) exists but no acknowledged answer created it`);
      continue;
    }
    if (posted !== expected.posted || pendingIn !== expected.pendingIn || pendingOut !== expected.pendingOut) {
      problems.push(
        `account ${row.id} (${row.asset}): stored posted/pending_in/pending_out ${fmt(posted)}/${fmt(pendingIn)}/${fmt(pendingOut)}, acknowledged answers add up to ${fmt(expected.posted)}/${fmt(expected.pendingIn)}/${fmt(expected.pendingOut)}`,
      );
    }
  }
  if (rows.length !== model.accounts.size) problems.push(`${rows.length} accounts stored, ${model.accounts.size} acknowledged`);

  const recordedIn = new Map<string, bigint>();
  const recordedOut = new Map<string, bigint>();
  const txRows = await db.selectFrom('transactions').select(['asset', 'amount', 'transaction_type', 'status', 'rail']).where('status', '=', 'Completed').execute();
  for (const t of txRows) {
    const amount = unitsFromColumn(t.amount);
    if (t.transaction_type === 'Deposit') recordedIn.set(t.asset, (recordedIn.get(t.asset) ?? 0n) + amount);
    if (OUTBOUND_TYPES.has(t.transaction_type) && !TRADE_RAILS.has(t.rail)) recordedOut.set(t.asset, (recordedOut.get(t.asset) ?? 0n) - amount);
  }
  const figures: MoneyFigures[] = [];
  const housePositionOf = new Map((await housePositions(db)).map((p) => [p.asset, p.house + p.revenue]));
  for (const asset of ASSETS) {
    const moneyIn = model.moneyIn.get(asset) ?? 0n;
    const moneyOut = model.moneyOut.get(asset) ?? 0n;
    const balances = sums.get(asset) ?? 0n;
    const house = model.house.get(asset) ?? 0n;
    figures.push({ asset, moneyIn: fmt(moneyIn), moneyOut: fmt(moneyOut), customerBalances: fmt(balances), house: fmt(house) });
    if (balances + house !== moneyIn - moneyOut)
      problems.push(`${asset}: customer balances ${fmt(balances)} + house ${fmt(house)} ≠ money in ${fmt(moneyIn)} − money out ${fmt(moneyOut)}`);
    if ((housePositionOf.get(asset) ?? 0n) !== house)
      problems.push(`${asset}: the ledger's house and revenue hold ${fmt(housePositionOf.get(asset) ?? 0n)}, acknowledged trades ${fmt(house)}`);
    const dbIn = recordedIn.get(asset) ?? 0n;
    const dbOut = recordedOut.get(asset) ?? 0n;
    if (dbIn !== moneyIn || dbOut !== moneyOut) problems.push(`${asset}: transactions record in ${fmt(dbIn)} / out ${fmt(dbOut)}, acknowledged ${fmt(moneyIn)} / ${fmt(moneyOut)}`);
  }
  return figures;
}

/**
 * Exactly once: every transaction an acknowledged answer named is stored once, on its account, with
 * its amount, type and final status, and its first posting moved the account's balance (the
 * customer leg in the right bucket, for the full amount); and the table holds nothing else (no
 * duplicate from a retried request, no half-applied operation).
 */
export async function checkTransactions(db: Kysely<Database>, model: BankModel, problems: string[]): Promise<number> {
  const rows = await db.selectFrom('transactions').select(['id', 'accounts_id', 'amount', 'transaction_type', 'status', 'original_transaction_id']).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  if (rows.length !== model.expectedTransactionCount) {
    problems.push(`${rows.length} transactions stored, acknowledged answers account for ${model.expectedTransactionCount}`);
  }
  const createLegs = await createLegsOf(db);
  for (const tx of model.transactions.values()) {
    const row = byId.get(tx.id);
    if (row === undefined) {
      problems.push(`transaction ${tx.id} (${tx.type}, acknowledged by ${tx.key}) is missing`);
      continue;
    }
    const amount = unitsFromColumn(row.amount);
    if (row.accounts_id !== tx.accountsId || amount !== tx.amount || row.transaction_type !== tx.type || row.status !== tx.status) {
      problems.push(
        `transaction ${tx.id}: stored ${row.transaction_type} ${fmt(amount)} on ${row.accounts_id} ${row.status}, expected ${tx.type} ${fmt(tx.amount)} on ${tx.accountsId} ${tx.status}`,
      );
    }
    const legs = createLegs.get(tx.id) ?? [];
    // A trade's legs and its commission share one journal on one account: find the row's own leg.
    const traded = TRADE_TYPES.has(tx.type) || (tx.type === 'Fee' && tx.createBucket === 'posted');
    const leg = traded ? legs.find((l) => l.amount === tx.amount) : legs[0];
    if ((!traded && legs.length !== 1) || leg === undefined || leg.bucket !== tx.createBucket || leg.amount !== tx.amount || leg.accountsId !== tx.accountsId) {
      problems.push(
        `transaction ${tx.id}: its balance effect is wrong: create legs ${JSON.stringify(legs.map((l) => ({ ...l, amount: fmt(l.amount) })))}, expected ${tx.createBucket} ${fmt(tx.amount)} on ${tx.accountsId}`,
      );
    }
  }
  for (const feeId of model.feeRollbacksOf) {
    const fee = model.transactions.get(feeId);
    const rollbacks = rows.filter((r) => r.original_transaction_id === feeId && r.transaction_type === 'Rollback');
    if (fee === undefined || rollbacks.length !== 1 || unitsFromColumn(rollbacks[0]?.amount ?? '0') !== -fee.amount || rollbacks[0]?.status !== 'Completed') {
      problems.push(`fee ${feeId}: expected exactly one completed rollback of ${fee === undefined ? '?' : fmt(-fee.amount)}, found ${JSON.stringify(rollbacks)}`);
    }
  }
  return rows.length;
}

/** Every acknowledged Idempotency-Key is stored exactly once, and no other key is stored. */
export async function checkIdempotencyKeys(db: Kysely<Database>, model: BankModel, customersId: number, problems: string[]): Promise<number> {
  const rows = await db.selectFrom('idempotency_keys').select('idempotency_key').where('customers_id', '=', customersId).execute();
  const stored = new Set(rows.map((r) => r.idempotency_key));
  if (rows.length !== model.acknowledgedKeys.size) problems.push(`${rows.length} idempotency records stored, ${model.acknowledgedKeys.size} keys acknowledged`);
  let missing = 0;
  for (const key of model.acknowledgedKeys) if (!stored.has(key)) missing++;
  if (missing > 0) problems.push(`${missing} acknowledged idempotency keys are not stored`);
  return rows.length;
}

/** The outbox holds exactly the callbacks the acknowledged changes produce. */
export async function checkCallbackCount(db: Kysely<Database>, expected: number, problems: string[]): Promise<number> {
  const row = await db
    .selectFrom('callbacks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  if (count !== expected) problems.push(`${count} callbacks in the outbox, the acknowledged changes produce ${expected}`);
  return count;
}

type CreateLeg = { bucket: string; amount: bigint; accountsId: number | null };

/**
 * What each transaction's creation did to its account: a pending row's hold (its amount, in the
 * pending bucket of its sign); a row posted at once, its journal's posted legs on its account.
 */
async function createLegsOf(db: Kysely<Database>): Promise<Map<number, CreateLeg[]>> {
  const rows = await db
    .selectFrom('transactions as t')
    .leftJoin('ledger_holds as h', 'h.id', 't.holds_id')
    .select(['t.id', 't.journals_id', 't.accounts_id', 'h.amount as hold_amount', 'h.accounts_id as hold_account'])
    .execute();
  const legs = await db
    .selectFrom('ledger_legs')
    .select(['journals_id', 'accounts_id', 'bucket', 'amount'])
    .where('accounts_id', 'is not', null)
    .where('bucket', '=', 'posted')
    .execute();
  const legsOf = new Map<string, CreateLeg[]>();
  for (const l of legs) {
    const key = `${l.journals_id}/${l.accounts_id}`;
    legsOf.set(key, [...(legsOf.get(key) ?? []), { bucket: l.bucket, amount: unitsFromColumn(l.amount), accountsId: l.accounts_id }]);
  }
  const out = new Map<number, CreateLeg[]>();
  for (const r of rows) {
    if (r.hold_amount !== null) {
      const amount = unitsFromColumn(r.hold_amount);
      out.set(r.id, [{ bucket: amount > 0n ? 'pending_in' : 'pending_out', amount, accountsId: r.hold_account }]);
    } else out.set(r.id, legsOf.get(`${r.journals_id}/${r.accounts_id}`) ?? []);
  }
  return out;
}
