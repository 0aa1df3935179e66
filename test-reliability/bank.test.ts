// Bank workload over real HTTP: concurrent clients move money on a few hot accounts for a fixed
// time, (a) through TWO server processes sharing one fresh PostgreSQL database, (b) through one
// server on SQLite. Afterwards the database must agree exactly with the acknowledged answers:
// balances (none below zero; per asset, customer balances = money in − money out), every
// acknowledged operation stored exactly once, and `ibanera-server verify` exits 0.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { login } from './support/api-client.js';
import { BankWorkload } from './support/bank-workload.js';
import { BankReview } from './support/bank-workload-review.js';
import { SERVER_LOG_LEVEL, SERVER_WORKERS, ServerProcess } from './support/children.js';
import { freshPostgres, freshSqlite, postgresUnreachable, type ScratchDatabase } from './support/databases.js';
import { POSTGRES_BASE_URL, PROFILE, TEST_TIMEOUT_MS } from './support/profile.js';
import { Prng, seedFromEnv } from './support/prng.js';
import { createPrincipal, finalChecks } from './support/scenario.js';

const REQUEST_BUDGET_MS = 30_000;
const DRAIN_BUDGET_MS = 30_000;

async function bankRun(label: string, database: ScratchDatabase, serverCount: number): Promise<void> {
  const seed = seedFromEnv();
  const rng = new Prng(seed);
  console.log(
    `[bank ${label}] ${PROFILE.name}: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${serverCount} server(s) of WORKERS=${SERVER_WORKERS}, ${PROFILE.bankClients} clients, ${PROFILE.bankDurationMs / 1000} s`,
  );
  const servers: ServerProcess[] = [];
  let aborter: BankWorkload | null = null;
  try {
    const principal = await createPrincipal(database.url, 'bank');
    servers.push(...(await Promise.all(Array.from({ length: serverCount }, (_, i) => ServerProcess.start(`serve#${i}`, { DATABASE_URL: database.url })))));
    const token = await login((servers[0] as ServerProcess).baseUrl, principal);
    const pickServer = () => rng.pick(servers).baseUrl;
    const workload = new BankWorkload(pickServer, principal, token, REQUEST_BUDGET_MS, rng.fork());
    aborter = workload;
    workload.review = await BankReview.enable(database.url, workload.model);
    await workload.openAccounts();
    const startedMs = Date.now();
    const deadlineMs = startedMs + PROFILE.bankDurationMs;
    await workload.run(PROFILE.bankClients, () => Date.now() >= deadlineMs, PROFILE.bankOpsMax);
    const elapsedMs = Date.now() - startedMs;
    await workload.drain(DRAIN_BUDGET_MS);
    workload.review.finish();
    await Promise.all(servers.map((s) => s.stop()));
    const checks = await finalChecks(database.url, workload, principal, false);
    const f = workload.figures;
    console.log(
      `[bank ${label}] ${f.operations} operations in ${(elapsedMs / 1000).toFixed(1)} s (${Math.round((f.operations * 1000) / elapsedMs)}/s): ` +
        `${f.requests} requests, ${f.acknowledged} acknowledged, rejected ${JSON.stringify(f.rejected)}, ${f.races} races, ${f.replays} replays, ` +
        `${f.keyReuseRejected} key reuses, ${f.reads} reads, ${f.transportFailures} transport failures, ${f.serverErrors} 5xx, ${f.unanswered} unanswered`,
    );
    console.log(`[bank ${label}] by kind ${JSON.stringify(f.byKind)}`);
    for (const m of checks.money) console.log(`[bank ${label}] ${m.asset}: in ${m.moneyIn} − out ${m.moneyOut} = customer balances ${m.customerBalances} + house ${m.house}`);
    console.log(`[bank ${label}] compliance review ${JSON.stringify(workload.review.figures)}`);
    console.log(`[bank ${label}] cards ${JSON.stringify(workload.cards.figures)}`);
    console.log(
      `[bank ${label}] ${checks.transactionRows} transactions, ${checks.idempotencyRows} idempotency records, verify exit ${checks.verifyExitCode}: ${checks.verifyOutput}`,
    );
    if (checks.problems.length > 0) {
      for (const s of servers) if (s.log.trim() !== '') console.log(`[bank ${label}] ${s.label} log (tail):\n${s.log.slice(-4_000)}`);
      if (SERVER_LOG_LEVEL === 'silent') console.log(`[bank ${label}] servers ran with LOG_LEVEL=silent; RELIABILITY_SERVER_LOG_LEVEL=error shows why a request failed`);
    }
    assert.equal(checks.verifyExitCode, 0, checks.verifyOutput);
    assert.deepEqual(checks.problems, []);
    assert.ok(f.acknowledged > 50, 'the workload acknowledged too little to prove anything');
  } finally {
    aborter?.abort();
    await Promise.all(servers.map((s) => s.kill()));
    await database.drop();
  }
}

describe('bank workload', () => {
  test('(a) two server processes on one fresh PostgreSQL database', { timeout: TEST_TIMEOUT_MS }, async (t: TestContext) => {
    const unreachable = await postgresUnreachable(POSTGRES_BASE_URL);
    if (unreachable !== null) {
      console.log(`[bank postgres] SKIPPED: PostgreSQL unreachable at ${POSTGRES_BASE_URL} (${unreachable})`);
      t.skip(`PostgreSQL unreachable at ${POSTGRES_BASE_URL}`);
      return;
    }
    await bankRun('postgres', await freshPostgres(POSTGRES_BASE_URL), 2);
  });

  test('(b) one server process on SQLite', { timeout: TEST_TIMEOUT_MS }, async () => {
    await bankRun('sqlite', freshSqlite(), 1);
  });
});
