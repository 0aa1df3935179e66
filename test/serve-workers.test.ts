// `serve` with WORKERS=2, spawned as an operator would: both processes answer on the one port,
// a token made by one is accepted by the other (the signing key lives in the database), a login
// code used in one is refused in the other, SIGTERM stops them all, and a worker that dies stops
// the group with exit code 1; a SIGKILLed primary takes its workers with it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { BALANCES_PATH, cliEnv, LOGIN_PATH, otpFor, REPO_ROOT, SPAWN_TIMEOUT_MS } from './helpers/foundation-helpers.js';
import { createTestDatabase, testDatabaseDialect, type TestDatabase } from './helpers/test-database.js';

interface Answer {
  readonly status: number;
  readonly body: { status: string; details: unknown; errors: { messageCode: string; message: string }[] };
}

/** One keep-alive TCP connection to the server: every request of it reaches the same worker. */
class Connection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  /** The worker that answered this connection's first /health. */
  worker = 0;

  constructor(private readonly port: number) {}

  send(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async health(): Promise<{ worker: number; workers: number }> {
    const answer = await this.send('GET', '/health');
    assert.equal(answer.status, 200);
    return answer.body.details as { worker: number; workers: number };
  }

  close(): void {
    this.agent.destroy();
  }
}

interface ServeProcess {
  readonly child: ChildProcess;
  output: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startServe(env: Record<string, string>): ServeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const serve: ServeProcess = { child, output: '', exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal }))) };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (serve.output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (serve.output += chunk));
  return serve;
}

/** The port from the primary's banner, printed once every worker listens. */
async function listeningPort(serve: ServeProcess): Promise<number> {
  const deadline = Date.now() + SPAWN_TIMEOUT_MS;
  for (;;) {
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+) \(.*, 2 workers\)/.exec(serve.output);
    if (match !== null) return Number(match[1]);
    if (serve.child.exitCode !== null) throw new Error(`serve exited early: ${serve.output}`);
    if (Date.now() > deadline) throw new Error(`serve did not start: ${serve.output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One connection answered by each worker (new connections are handed to the workers in turn). */
async function connectionPerWorker(port: number): Promise<Map<number, Connection>> {
  const found = new Map<number, Connection>();
  for (let attempt = 0; attempt < 20 && found.size < 2; attempt++) {
    const connection = new Connection(port);
    const health = await connection.health();
    assert.equal(health.workers, 2);
    connection.worker = health.worker;
    if (found.has(health.worker)) connection.close();
    else found.set(health.worker, connection);
  }
  assert.deepEqual([...found.keys()].sort(), [1, 2], 'both workers answer on the one port');
  return found;
}

/** The worker processes of `pid` (Linux: /proc), to check that none outlives the primary. */
function childPids(pid: number): number[] {
  const path = `/proc/${pid}/task/${pid}/children`;
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitExit(serve: ServeProcess, timeoutMs = 20_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const outcome = await Promise.race([serve.exited, timeout]);
  if (outcome === 'timeout') {
    serve.child.kill('SIGKILL');
    assert.fail(`serve did not exit within ${timeoutMs} ms:\n${serve.output}`);
  }
  return outcome;
}

void describe(`serve with WORKERS=2 (${testDatabaseDialect()})`, { concurrency: 1 }, () => {
  let database: TestDatabase;
  const running: ServeProcess[] = [];

  before(async () => {
    database = await createTestDatabase();
  });

  after(async () => {
    for (const serve of running) if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
    await Promise.all(running.map((serve) => serve.exited));
    await database.drop();
  });

  void test('both processes answer; a token and a used login code mean the same in both; SIGTERM stops all', async () => {
    const serve = startServe({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', WORKERS: '2', MODE: 'sandbox' });
    running.push(serve);
    const port = await listeningPort(serve);
    // The primary made the demo principal once, before the workers started.
    assert.equal(serve.output.match(/Demo principal created/g)?.length, 1, serve.output);
    const username = /username:\s+(\S+)/.exec(serve.output)?.[1] ?? '';
    const password = /password:\s+(\S+)/.exec(serve.output)?.[1] ?? '';
    const sharedSecret = /sharedSecret:\s+(\S+)/.exec(serve.output)?.[1] ?? '';
    const workers = childPids(serve.child.pid ?? 0);
    if (existsSync('/proc')) assert.equal(workers.length, 2, `two worker processes: ${workers.join(', ')}`);

    const connections = await connectionPerWorker(port);
    const first = connections.get(1) as Connection;
    const second = connections.get(2) as Connection;
    const otp = otpFor(sharedSecret, Date.now());
    const login = await first.send('POST', LOGIN_PATH, {}, { username, password, otp });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const token = (login.body.details as { accessToken: string }).accessToken;

    // The token worker 1 signed is accepted by worker 2.
    const balances = await second.send('GET', BALANCES_PATH, { authorization: `Bearer ${token}`, otp });
    assert.equal(balances.status, 200, JSON.stringify(balances.body));
    assert.deepEqual(balances.body.details, []);
    // The code that logged in through worker 1 does not log in again through worker 2.
    const replay = await second.send('POST', LOGIN_PATH, {}, { username, password, otp });
    assert.equal(replay.status, 401, JSON.stringify(replay.body));
    assert.equal(replay.body.errors[0]?.messageCode, 'Username_Or_Password_Incorrect');
    assert.match(replay.body.errors[0]?.message ?? '', /already been used to log in/);
    // Each connection stayed with its worker all along.
    assert.equal((await first.health()).worker, 1);
    assert.equal((await second.health()).worker, 2);
    first.close();
    second.close();

    serve.child.kill('SIGTERM');
    assert.deepEqual(await waitExit(serve), { code: 0, signal: null }, serve.output);
    for (const pid of workers) assert.equal(alive(pid), false, `worker ${pid} outlived the primary`);
    await assert.rejects(new Connection(port).health());
  });

  void test('a worker that dies stops the group with exit code 1', async (t) => {
    if (!existsSync('/proc')) return t.skip('needs /proc to find the worker processes');
    const serve = startServe({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', WORKERS: '2', DEMO_PRINCIPAL: 'false' });
    running.push(serve);
    await listeningPort(serve);
    const workers = childPids(serve.child.pid ?? 0);
    assert.equal(workers.length, 2, `two worker processes: ${workers.join(', ')}`);
    process.kill(workers[0] as number, 'SIGKILL');
    assert.deepEqual(await waitExit(serve), { code: 1, signal: null }, serve.output);
    assert.match(serve.output, /worker \d \(pid \d+\) exited unexpectedly \(SIGKILL\); stopping the others/);
    for (const pid of workers) assert.equal(alive(pid), false, `worker ${pid} outlived the primary`);
  });

  void test('a SIGKILLed primary takes its workers with it (as a crash of a one-process server would)', async (t) => {
    if (!existsSync('/proc')) return t.skip('needs /proc to find the worker processes');
    const serve = startServe({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', WORKERS: '2', DEMO_PRINCIPAL: 'false' });
    running.push(serve);
    await listeningPort(serve);
    const workers = childPids(serve.child.pid ?? 0);
    assert.equal(workers.length, 2, `two worker processes: ${workers.join(', ')}`);
    serve.child.kill('SIGKILL');
    assert.deepEqual(await waitExit(serve), { code: null, signal: 'SIGKILL' });
    const deadline = Date.now() + 10_000;
    while (workers.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const pid of workers) assert.equal(alive(pid), false, `worker ${pid} outlived the killed primary`);
  });
});
