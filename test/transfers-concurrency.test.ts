// Internal transfers under load: 8 concurrent clients send random transfers between 4 USD and 2 EUR
// accounts (some too large, some across assets, some to the same account or to another principal,
// some twice with one Idempotency-Key) until 400 requests were sent, while a watcher reads the stored
// balances. Afterwards: each asset's total is unchanged, no balance ever went below zero, each
// account holds exactly what the accepted transfers say, every accepted transfer is in the
// database exactly once (both legs), and the ledger verifies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unitsFromColumn } from '../src/ledger/index.js';
import { parseDecimal } from '../src/shared/decimal.js';
import type { TestResponse, TestServer } from './helpers/test-server.js';
import { assertLedgerSound, balancesOf, errorCodes, json, type Api } from './helpers/accounts-helpers.js';
import { internalTransfer } from './helpers/transfers-helpers.js';
import { createWorld, type AccountSpec } from './helpers/world.js';

const CLIENTS = 8;
const REQUESTS_MAX = 400;
/**
 * Only ends a run that hangs: the clients stop after REQUESTS_MAX requests, however long that takes
 * (a time budget would send fewer requests, and maybe miss a kind of refusal, on a loaded machine).
 */
const DURATION_MAX_MS = 60_000;
const SEED = Number(process.env.TRANSFER_FUZZ_SEED ?? 20240611);

/** A small deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cents as a JSON literal, e.g. 1234 → 12.34. */
const literal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const units = (text: string): bigint => {
  const parsed = parseDecimal(text);
  assert.ok(parsed.ok, text);
  return parsed.units;
};

type Kind = 'normal' | 'huge' | 'cross' | 'same' | 'foreign' | 'keyed';

interface Accepted {
  readonly transactionsId: number;
  readonly complementaryTransactionId: number;
  readonly source: number;
  readonly destination: number;
  readonly cents: number;
}

describe('internal transfers under concurrency', () => {
  let server: TestServer;
  let alice: Api;
  let bob: Api;
  let usd: number[];
  let eur: number[];
  let bobUsd: number;
  const START_CENTS = 10_000;

  before(async () => {
    const start = (asset: string, name: string): AccountSpec => ({ asset, name, payIn: literal(START_CENTS) });
    const world = await createWorld({
      accounts: {
        usd0: start('USD', 'USD 0'),
        usd1: start('USD', 'USD 1'),
        usd2: start('USD', 'USD 2'),
        usd3: start('USD', 'USD 3'),
        eur0: start('EUR', 'EUR 0'),
        eur1: start('EUR', 'EUR 1'),
      },
      other: { accounts: { usd: { asset: 'USD', payIn: '1' } } },
    });
    ({ server, api: alice } = world);
    const { usd0, usd1, usd2, usd3, eur0, eur1 } = world.accounts;
    usd = [usd0, usd1, usd2, usd3];
    eur = [eur0, eur1];
    ({
      api: bob,
      accounts: { usd: bobUsd },
    } = world.other);
  });
  after(async () => {
    await server?.close();
  });

  test(`${CLIENTS} clients, ${REQUESTS_MAX} random transfers: money conserved, never negative, each accepted transfer once`, async () => {
    const db = server.runtime.database.db;
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const accepted: Accepted[] = [];
    const unexpected: string[] = [];
    const counts = { requests: 0, accepted: 0, rejected: 0, insufficient: 0, invalid: 0, foreign: 0, replayed: 0 };
    const deadline = Date.now() + DURATION_MAX_MS;
    let stop = false;
    let lowestPosted: bigint | null = null;

    const expectOneOf = (kind: Kind, response: TestResponse, allowed: readonly string[]) => {
      const codes = errorCodes(response).join(',');
      if (!allowed.includes(`${response.statusCode} ${codes}`)) unexpected.push(`${kind}: ${response.statusCode} ${response.body}`);
      if (kind === 'foreign') counts.foreign += 1;
      else if (codes === 'Amount:Insufficient_Funds') counts.insufficient += 1;
      else counts.invalid += 1;
      counts.rejected += 1;
    };

    const record = (response: TestResponse, source: number, destination: number, cents: number) => {
      const d = json(response).details as { transactionsId: number; complementaryTransactionId: number };
      accepted.push({ transactionsId: d.transactionsId, complementaryTransactionId: d.complementaryTransactionId, source, destination, cents });
      counts.accepted += 1;
    };

    const client = async (n: number) => {
      let i = 0;
      for (;;) {
        if (stop || counts.requests >= REQUESTS_MAX || Date.now() > deadline) return;
        const roll = random();
        const kind: Kind = roll < 0.7 ? 'normal' : roll < 0.78 ? 'huge' : roll < 0.86 ? 'cross' : roll < 0.9 ? 'same' : roll < 0.94 ? 'foreign' : 'keyed';
        const pool = random() < 0.7 ? usd : eur;
        const source = pick(pool);
        let destination = pick(pool.filter((a) => a !== source));
        let cents = 1 + Math.floor(random() * 6000);
        if (kind === 'huge') cents = 100_000_000;
        if (kind === 'cross') destination = pick(pool === usd ? eur : usd);
        if (kind === 'same') destination = source;
        if (kind === 'foreign') destination = bobUsd;
        i += 1;
        if (kind === 'keyed') {
          const headers = { 'idempotency-key': `c${n}-${i}` };
          counts.requests += 2;
          const pair = await Promise.all([
            internalTransfer(alice, source, destination, literal(cents), { headers }),
            internalTransfer(alice, source, destination, literal(cents), { headers }),
          ]);
          const ok = pair.filter((r) => r.statusCode === 200);
          for (const r of pair) if (r.statusCode !== 200) expectOneOf(kind, r, ['400 Amount:Insufficient_Funds']);
          if (ok.length > 0) {
            const ids = new Set(ok.map((r) => (json(r).details as { transactionsId: number }).transactionsId));
            if (ids.size !== 1) unexpected.push(`keyed pair answered two transfers: ${pair.map((r) => r.body).join(' | ')}`);
            if (ok.length === 2 && ok[0]?.body !== ok[1]?.body) unexpected.push(`keyed pair answered differently: ${pair.map((r) => r.body).join(' | ')}`);
            counts.replayed += ok.filter((r) => r.headers['idempotent-replayed'] === 'true').length;
            record(ok[0] as TestResponse, source, destination, cents);
          }
          continue;
        }
        counts.requests += 1;
        const response = await internalTransfer(alice, source, destination, literal(cents), { reference: `load ${n}/${i}` });
        if (kind === 'normal') {
          if (response.statusCode === 200) record(response, source, destination, cents);
          else expectOneOf(kind, response, ['400 Amount:Insufficient_Funds']);
        } else if (response.statusCode === 200) {
          unexpected.push(`${kind} was accepted: ${response.body}`);
          record(response, source, destination, cents);
        } else if (kind === 'huge') expectOneOf(kind, response, ['400 Amount:Insufficient_Funds']);
        else if (kind === 'cross') expectOneOf(kind, response, ['400 DestinationAccountId:Invalid_Asset']);
        else expectOneOf(kind, response, ['400 DestinationAccountId:Invalid_Destination_Account']);
      }
    };

    // Reads the stored balances while the clients run: none may ever be negative.
    const watcher = async () => {
      while (!stop) {
        const rows = await db
          .selectFrom('ledger_balances')
          .select(['accounts_id', 'posted', 'pending_in', 'pending_out'])
          .where('accounts_id', 'in', [...usd, ...eur])
          .execute();
        for (const r of rows) {
          const posted = unitsFromColumn(r.posted);
          if (lowestPosted === null || posted < lowestPosted) lowestPosted = posted;
          if (unitsFromColumn(r.pending_in) !== 0n || unitsFromColumn(r.pending_out) !== 0n) unexpected.push(`account ${r.accounts_id} has pending amounts`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    const started = Date.now();
    const watching = watcher();
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    stop = true;
    await watching;
    const elapsed = Date.now() - started;
    console.log(
      `transfers-concurrency (${server.database.dialect}, seed ${SEED}): ${counts.requests} requests in ${elapsed} ms; accepted ${counts.accepted}, rejected ${counts.rejected} (insufficient ${counts.insufficient}, invalid ${counts.invalid}, foreign ${counts.foreign}); ${counts.replayed} idempotent replays`,
    );

    assert.deepEqual(unexpected, []);
    assert.ok(counts.requests >= REQUESTS_MAX, `only ${counts.requests} requests in ${DURATION_MAX_MS} ms`);
    assert.ok(counts.accepted > 20, `enough transfers went through (${counts.accepted})`);
    assert.ok(counts.insufficient > 0 && counts.invalid > 0 && counts.foreign > 0, 'each kind of refusal happened');
    assert.ok(lowestPosted === null || lowestPosted >= 0n, `a stored balance went negative: ${String(lowestPosted)}`);

    // Each account holds exactly its start plus what the accepted transfers moved; totals per asset unchanged.
    const expected = new Map<number, number>([...usd, ...eur].map((id) => [id, START_CENTS]));
    for (const a of accepted) {
      expected.set(a.source, (expected.get(a.source) ?? 0) - a.cents);
      expected.set(a.destination, (expected.get(a.destination) ?? 0) + a.cents);
    }
    for (const [asset, ids] of [
      ['USD', usd],
      ['EUR', eur],
    ] as const) {
      let sum = 0n;
      for (const id of ids) {
        const b = await balancesOf(alice, id);
        assert.ok(units(b.available) >= 0n, `account ${id} available ${b.available}`);
        assert.equal(b.pending, '0.00');
        assert.equal(b.available, literal(expected.get(id) ?? -1), `account ${id}`);
        assert.equal(b.total, b.available);
        sum += units(b.available);
      }
      assert.equal(sum, units(literal(START_CENTS * ids.length)), `${asset} total unchanged`);
    }
    assert.deepEqual(await balancesOf(bob, bobUsd), { total: '1.00', available: '1.00', pending: '0.00' });
    const stored = await db.selectFrom('ledger_balances').select(['accounts_id', 'posted']).execute();
    for (const r of stored) assert.ok(unitsFromColumn(r.posted) >= 0n, `account ${r.accounts_id} posted ${r.posted}`);

    // Every accepted transfer is in the database exactly once: its debit and its credit, linked.
    const legs = await db
      .selectFrom('transactions')
      .select(['id', 'accounts_id', 'amount', 'from_transactions_id', 'to_transactions_id'])
      .where('transaction_type', '=', 'InternalTransfer')
      .execute();
    assert.equal(legs.length, accepted.length * 2, 'two legs per accepted transfer, nothing else');
    const byId = new Map(legs.map((l) => [l.id, l]));
    const seen = new Set<number>();
    for (const a of accepted) {
      for (const id of [a.transactionsId, a.complementaryTransactionId]) {
        assert.ok(!seen.has(id), `transaction ${id} answered twice`);
        seen.add(id);
      }
      const debit = byId.get(a.transactionsId);
      const credit = byId.get(a.complementaryTransactionId);
      assert.ok(debit !== undefined && credit !== undefined, `transfer ${a.transactionsId} stored`);
      assert.equal(debit.accounts_id, a.source);
      assert.equal(credit.accounts_id, a.destination);
      assert.equal(unitsFromColumn(debit.amount), -units(literal(a.cents)));
      assert.equal(unitsFromColumn(credit.amount), units(literal(a.cents)));
      assert.deepEqual([debit.from_transactions_id, debit.to_transactions_id], [a.transactionsId, a.complementaryTransactionId]);
      assert.deepEqual([credit.from_transactions_id, credit.to_transactions_id], [a.transactionsId, a.complementaryTransactionId]);
    }
    await assertLedgerSound(server);
  });
});
