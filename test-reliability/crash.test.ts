// Crash safety: the bank workload runs while its server is SIGKILLed at random moments (sometimes
// while it is still starting) and restarted on the same database, many times; clients retry each
// request with the SAME Idempotency-Key until it is acknowledged. The principal's callbacks go to a
// receiver on 127.0.0.1 that sometimes answers 503. Afterwards: every acknowledged operation is
// stored exactly once and whole (balances, transactions, their postings; verify exits 0), every
// callback in the outbox ends `delivered` and reached the receiver, and the invariants hold.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { login } from './support/api-client.js';
import { BankWorkload } from './support/bank-workload.js';
import { CallbackSink } from './support/callback-sink.js';
import { SERVER_LOG_LEVEL, ServerProcess } from './support/children.js';
import { cliInProcess, freshPostgres, freshSqlite, openInspector, postgresUnreachable, type ScratchDatabase } from './support/databases.js';
import { POSTGRES_BASE_URL, PROFILE, TEST_TIMEOUT_MS } from './support/profile.js';
import { Prng, seedFromEnv } from './support/prng.js';
import { createPrincipal, finalChecks } from './support/scenario.js';
import { sleep, waitFor } from './support/time.js';

/** How long one request is retried (through restarts) before it is left for the final drain. */
const REQUEST_BUDGET_MS = 60_000;
const DRAIN_BUDGET_MS = 60_000;
const CALLBACKS_DEADLINE_MS = 120_000;
/** Fast callback retries, and a short claim (timeout + 5 s) so a killed worker's claims expire soon. */
const CALLBACK_ENV = { CALLBACK_TIMEOUT_MS: '2000', CALLBACK_RETRY_INITIAL_MS: '100', CALLBACK_POLL_INTERVAL_MS: '100', CALLBACK_BATCH_SIZE: '50' };
const SINK_REFUSE_PROBABILITY = 0.05;
const KILL_WHILE_STARTING_PROBABILITY = 0.2;

/** The one server of a crash run: killed and restarted on the same database and port. */
class CrashingServer {
  current: ServerProcess;
  kills = 0;
  killsWhileStarting = 0;
  restarts = 0;

  private constructor(
    private readonly env: Record<string, string>,
    first: ServerProcess,
  ) {
    this.current = first;
  }

  static async start(env: Record<string, string>): Promise<CrashingServer> {
    const first = await ServerProcess.start('serve#0', env);
    return new CrashingServer({ ...env, PORT: String(first.port) }, first);
  }

  get baseUrl(): string {
    return this.current.baseUrl;
  }

  /** SIGKILL now, restart; with some probability kill the new process again while it starts. */
  async crashAndRestart(rng: Prng): Promise<void> {
    await this.current.kill();
    this.kills++;
    this.current = ServerProcess.spawn(`serve#${++this.restarts}`, this.env);
    if (rng.chance(KILL_WHILE_STARTING_PROBABILITY)) {
      await sleep(rng.int(50, 2_500));
      await this.current.kill();
      this.kills++;
      this.killsWhileStarting++;
      this.current = ServerProcess.spawn(`serve#${++this.restarts}`, this.env);
    }
    this.current.port = Number(this.env.PORT);
    await this.current.ready();
  }
}

async function crashRun(label: string, database: ScratchDatabase): Promise<void> {
  const seed = seedFromEnv();
  const rng = new Prng(seed);
  console.log(`[crash ${label}] ${PROFILE.name}: seed ${seed} (replay with RELIABILITY_SEED=${seed}), ${PROFILE.crashKills} kill rounds, ${PROFILE.crashClients} clients`);
  const sink = await CallbackSink.start(rng.fork(), SINK_REFUSE_PROBABILITY);
  let server: CrashingServer | null = null;
  let workload: BankWorkload | null = null;
  try {
    const principal = await createPrincipal(database.url, 'crash');
    const hook = JSON.parse(await cliInProcess(database.url, ['principals', 'set-callback', `--username=${principal.username}`, `--url=${sink.url}`, '--json'])) as {
      hashSecret: string;
    };
    sink.hashSecret = hook.hashSecret;
    const env = { DATABASE_URL: database.url, ...CALLBACK_ENV };
    const crashing = await CrashingServer.start(env);
    server = crashing;
    const token = await login(crashing.baseUrl, principal);
    const bank = new BankWorkload(() => crashing.baseUrl, principal, token, REQUEST_BUDGET_MS, rng.fork());
    workload = bank;
    await bank.openAccounts();

    const startedMs = Date.now();
    let killing = true;
    const killer = (async () => {
      try {
        for (let round = 0; round < PROFILE.crashKills; round++) {
          await sleep(rng.int(PROFILE.crashUptimeMs[0], PROFILE.crashUptimeMs[1]));
          await crashing.crashAndRestart(rng);
        }
        // Leave it up a little so requests in flight at the last kill get through.
        await sleep(500);
      } finally {
        killing = false;
      }
    })();
    await Promise.all([killer, bank.run(PROFILE.crashClients, () => !killing, PROFILE.bankOpsMax)]);
    const unresolvedBeforeDrain = bank.unresolvedCount;
    await bank.drain(DRAIN_BUDGET_MS);
    const elapsedMs = Date.now() - startedMs;

    // The last server run delivers every callback the outbox holds.
    const inspector = await openInspector(database.url);
    let notDelivered = -1;
    let outboxIds: string[] = [];
    try {
      const allDelivered = await waitFor(
        async () => {
          const rows = await inspector.database.db.selectFrom('callbacks').select(['id', 'status']).execute();
          outboxIds = rows.map((r) => r.id);
          notDelivered = rows.filter((r) => r.status !== 'delivered').length;
          return notDelivered === 0 && outboxIds.every((id) => sink.seen.has(id));
        },
        CALLBACKS_DEADLINE_MS,
        200,
      );
      if (!allDelivered) console.log(`[crash ${label}] callbacks still not delivered after ${CALLBACKS_DEADLINE_MS / 1000} s: ${notDelivered}`);
    } finally {
      await inspector.close();
    }
    await crashing.current.stop();

    const checks = await finalChecks(database.url, bank, principal, true);
    const problems = [...checks.problems];
    if (notDelivered !== 0) problems.push(`${notDelivered} callbacks not delivered`);
    const unseen = outboxIds.filter((id) => !sink.seen.has(id));
    if (unseen.length > 0) problems.push(`${unseen.length} callbacks never reached the receiver (first ${unseen[0]})`);
    const phantom = [...sink.seen.keys()].filter((id) => !outboxIds.includes(id));
    if (phantom.length > 0) problems.push(`${phantom.length} callback Ids arrived that the outbox does not hold`);
    if (sink.badSignatures > 0 || sink.malformed > 0) problems.push(`${sink.badSignatures} callbacks with a bad signature, ${sink.malformed} malformed`);

    const f = bank.figures;
    console.log(
      `[crash ${label}] ${crashing.kills} SIGKILLs survived (${crashing.killsWhileStarting} while starting), ${crashing.restarts} restarts in ${(elapsedMs / 1000).toFixed(1)} s; ` +
        `${f.operations} operations, ${f.requests} requests, ${f.attempts} attempts, ${f.transportFailures} transport failures retried, ${f.acknowledged} acknowledged, ` +
        `rejected ${JSON.stringify(f.rejected)}, ${f.races} races, ${f.replays} replays, ${unresolvedBeforeDrain} left for the drain (${f.drained} drained), ${f.serverErrors} 5xx`,
    );
    for (const m of checks.money) console.log(`[crash ${label}] ${m.asset}: in ${m.moneyIn} − out ${m.moneyOut} = customer balances ${m.customerBalances} + house ${m.house}`);
    console.log(
      `[crash ${label}] ${checks.transactionRows} transactions, ${checks.idempotencyRows} idempotency records; callbacks: ${checks.callbackRows} in the outbox (expected ${bank.model.expectedCallbacks}), ` +
        `${sink.seen.size} distinct Ids received in ${sink.requests} requests (${sink.refused} answered 503, ${sink.duplicates} duplicates); verify exit ${checks.verifyExitCode}`,
    );
    if (problems.length > 0 && crashing.current.log.trim() !== '') console.log(`[crash ${label}] last server log (tail):\n${crashing.current.log.slice(-4_000)}`);
    if (problems.length > 0 && SERVER_LOG_LEVEL === 'silent')
      console.log(`[crash ${label}] servers ran with LOG_LEVEL=silent; RELIABILITY_SERVER_LOG_LEVEL=error shows why a request failed`);
    assert.equal(checks.verifyExitCode, 0, checks.verifyOutput);
    assert.deepEqual(problems, []);
    assert.ok(crashing.kills >= PROFILE.crashKills, 'fewer kills than planned');
    assert.ok(f.acknowledged > 20, 'the workload acknowledged too little to prove anything');
  } finally {
    workload?.abort();
    await server?.current.kill();
    await sink.close();
    await database.drop();
  }
}

describe('crash safety (SIGKILL and restart)', () => {
  test('SQLite', { timeout: TEST_TIMEOUT_MS }, async () => {
    await crashRun('sqlite', freshSqlite());
  });

  test('PostgreSQL', { timeout: TEST_TIMEOUT_MS }, async (t: TestContext) => {
    const unreachable = await postgresUnreachable(POSTGRES_BASE_URL);
    if (unreachable !== null) {
      console.log(`[crash postgres] SKIPPED: PostgreSQL unreachable at ${POSTGRES_BASE_URL} (${unreachable})`);
      t.skip(`PostgreSQL unreachable at ${POSTGRES_BASE_URL}`);
      return;
    }
    await crashRun('postgres', await freshPostgres(POSTGRES_BASE_URL));
  });
});
