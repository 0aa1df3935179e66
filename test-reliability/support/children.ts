// Child processes of the reliability tests: `serve` and `verify` spawned exactly as an operator
// would (`node --import tsx src/main.ts …`). Every child is tracked and SIGKILLed when the test
// process ends, however it ends, so no server outlives a test.
import { spawn, type ChildProcess } from 'node:child_process';
import { sleep } from './time.js';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** The environment a child gets: only what node and tsx need, plus the server's own variables. */
export function childEnv(vars: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...vars };
}

function spawnTracked(args: readonly string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.on('exit', () => live.delete(child));
  return child;
}

const OUTPUT_KEPT_MAX = 64 * 1024;
/** `silent` by default; RELIABILITY_SERVER_LOG_LEVEL=error shows why a server answered 5xx. */
export const SERVER_LOG_LEVEL = process.env.RELIABILITY_SERVER_LOG_LEVEL ?? 'silent';
/** HTTP processes per `serve` (WORKERS); RELIABILITY_WORKERS=2 runs every server as a group of two. */
export const SERVER_WORKERS = process.env.RELIABILITY_WORKERS ?? '1';
/** A group starts in two stages (the primary migrates, then its workers start), each as slow as one server. */
export const SERVER_START_TIMEOUT_MS = SERVER_WORKERS === '1' ? 30_000 : 60_000;

/** One `serve` process on 127.0.0.1. */
export class ServerProcess {
  private output = '';
  private readonly exited: Promise<void>;
  port = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly label: string,
  ) {
    const keep = (chunk: string) => {
      this.output = (this.output + chunk).slice(-OUTPUT_KEPT_MAX);
    };
    child.stdout?.setEncoding('utf8').on('data', keep);
    child.stderr?.setEncoding('utf8').on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /**
   * Spawns `serve` (PORT 0 picks a free port) without waiting for it. With WORKERS above 1 this is the
   * primary: SIGKILL of it ends its workers too (they exit when their channel to it closes).
   */
  static spawn(label: string, env: Record<string, string>): ServerProcess {
    return new ServerProcess(
      spawnTracked(['serve'], { LOG_LEVEL: SERVER_LOG_LEVEL, DEMO_PRINCIPAL: 'false', MODE: 'sandbox', HOST: '127.0.0.1', PORT: '0', WORKERS: SERVER_WORKERS, ...env }),
      label,
    );
  }

  /** Spawns `serve` and waits until it listens and /ready answers 200. */
  static async start(label: string, env: Record<string, string>): Promise<ServerProcess> {
    const server = ServerProcess.spawn(label, env);
    await server.ready();
    return server;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get log(): string {
    return this.output;
  }

  async ready(timeoutMs = SERVER_START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(this.output);
      if (match !== null) {
        this.port = Number(match[1]);
        break;
      }
      if (!this.running) throw new Error(`${this.label}: serve exited before listening:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.label}: serve did not listen within ${timeoutMs} ms:\n${this.output}`);
      await sleep(20);
    }
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.baseUrl}/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
      } catch {
        // not yet
      }
      await sleep(50);
    }
    throw new Error(`${this.label}: /ready did not answer 200 within ${timeoutMs} ms`);
  }

  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it takes longer than `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a one-shot command (`verify`, …) as a child process, killed after `timeoutMs`. */
export function runCliProcess(args: readonly string[], env: Record<string, string>, timeoutMs = 120_000): Promise<CliRun> {
  const child = spawnTracked(args, { LOG_LEVEL: 'silent', ...env });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
