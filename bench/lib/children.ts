import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A child process this benchmark started; it is stopped by its own pid, never by name. */
export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** The last few KB the child wrote to stderr (for failure messages). */
  stderrTail(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const live = new Set<Child>();

/**
 * Starts a child whose stdout (the request log) goes to `logFile` when given (as a deployment would
 * keep it; piping it back here would load the load generator), else to /dev/null.
 */
export function spawnChild(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, logFile?: string): Child {
  const out = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
  const proc = spawn(command, args, { env, cwd, stdio: ['ignore', out, 'pipe'] });
  if (typeof out === 'number') closeSync(out);
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  let tail = '';
  proc.stderr?.setEncoding('utf8');
  proc.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-4000);
  });
  let done = false;
  const exit = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      done = true;
      resolve();
    }),
  );
  const pid = proc.pid;
  const child: Child = {
    name,
    pid,
    process: proc,
    stderrTail: () => tail,
    exited: () => done,
    async stop() {
      if (!done) {
        proc.kill('SIGTERM');
        // A server that does not stop in time is killed with its workers (WORKERS=N), each by pid.
        const timer = setTimeout(() => killTree(pid), 15_000);
        await exit;
        clearTimeout(timer);
      }
      live.delete(child);
    },
  };
  live.add(child);
  return child;
}

/** Last resort on failure or a signal: every child still running, and its descendants, gets SIGKILL, by pid. */
export function killAllChildren(): void {
  for (const child of live) if (!child.exited()) killTree(child.pid);
  live.clear();
}

/** SIGKILL to `pid`'s descendants (a WORKERS=N server's workers), each by its pid, then to `pid`. */
function killTree(pid: number): void {
  for (const member of processTree(pid).reverse()) {
    try {
      process.kill(member, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.stop()));
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
export async function waitUntilReady(child: Child, url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited()) throw new Error(`${child.name} exited during start-up:\n${child.stderrTail()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${child.name} not ready at ${url} after ${timeoutMs} ms:\n${child.stderrTail()}`);
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]);
  } catch {
    return null;
  }
}

/** The parent pid of a process (field 4 of /proc/PID/stat), or null once it is gone. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * `pid` and every live descendant (a WORKERS=N server's primary and its cluster workers), found by
 * scanning /proc for parent pids.
 */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const child = Number(entry);
    const parent = parentOf(child);
    if (parent === null) continue;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [child]);
    else list.push(child);
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i] ?? -1) ?? []));
  return tree;
}

/**
 * Peak resident memory of a server during one phase, its cluster workers included. One process:
 * the kernel's high-water mark (VmHWM), reset at the start through /proc/PID/clear_refs when
 * allowed, with VmRSS sampled every 100 ms as a check. Several processes: the sum of their VmRSS,
 * sampled every 100 ms (their separate peaks need not coincide, so their HWMs are not added).
 */
export class PeakMemory {
  private sampledKb = 0;
  private processesMax = 1;
  private readonly timer: NodeJS.Timeout;
  readonly hwmReset: boolean;

  constructor(private readonly pid: number) {
    let reset = false;
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
      reset = true;
    } catch {
      reset = false;
    }
    this.hwmReset = reset;
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  private sample(): void {
    const tree = processTree(this.pid);
    let rss = 0;
    for (const pid of tree) rss += statusKb(pid, 'VmRSS') ?? 0;
    if (rss > this.sampledKb) this.sampledKb = rss;
    if (tree.length > this.processesMax) this.processesMax = tree.length;
  }

  /** Peak RSS in MiB (VmHWM when one process and it was reset for this phase, else the sampled maximum). */
  finish(): { peakMiB: number; source: string; processes: number } {
    this.sample();
    clearInterval(this.timer);
    const processes = this.processesMax;
    if (processes > 1) return { peakMiB: this.sampledKb / 1024, source: `sum of VmRSS of ${processes} processes, sampled every 100 ms`, processes };
    const hwm = statusKb(this.pid, 'VmHWM');
    if (this.hwmReset && hwm !== null) return { peakMiB: Math.max(hwm, this.sampledKb) / 1024, source: 'VmHWM (reset at phase start)', processes };
    return { peakMiB: this.sampledKb / 1024, source: 'VmRSS sampled every 100 ms', processes };
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far (from /proc/PID/stat). */
function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (from /proc/stat). */
function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export interface CpuFigures {
  /** CPU time of the measured process (and its descendants) per completed request, ms. */
  readonly msPerRequest: number;
  /** Cores the measured process kept busy on average (1.0 = one core). */
  readonly cores: number;
  /** Cores this (load-generating) process kept busy. */
  readonly clientCores: number;
  /** Share of all the machine's CPUs busy. */
  readonly machineBusy: number;
  /** Processes whose CPU was added up (the server and its workers; 1 for this process). */
  readonly processes: number;
}

/** CPU seconds so far of `pid` and each of its descendants, by pid. */
function treeCpuSeconds(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const member of processTree(pid)) {
    const seconds = processCpuSeconds(member);
    if (seconds !== null) out.set(member, seconds);
  }
  return out;
}

/**
 * CPU use of a server (its process and every descendant: the workers of WORKERS=N), or of this
 * process when pid is null, and of the machine over one run. A process that ends during the run
 * loses its share; one that starts counts from zero.
 */
export class CpuMeter {
  private readonly startedAt = performance.now();
  private readonly processStart: Map<number, number>;
  private readonly selfStart = process.cpuUsage();
  private readonly machineStart = machineJiffies();

  constructor(private readonly pid: number | null) {
    this.processStart = pid === null ? new Map() : treeCpuSeconds(pid);
  }

  finish(requests: number): CpuFigures {
    const wall = (performance.now() - this.startedAt) / 1000;
    const self = process.cpuUsage(this.selfStart);
    const selfSeconds = (self.user + self.system) / 1e6;
    let used = selfSeconds;
    let processes = 1;
    if (this.pid !== null) {
      const now = treeCpuSeconds(this.pid);
      used = now.size === 0 ? Number.NaN : 0;
      for (const [pid, seconds] of now) used += seconds - (this.processStart.get(pid) ?? 0);
      processes = Math.max(1, now.size);
    }
    const machine = machineJiffies();
    return {
      msPerRequest: (used * 1000) / requests,
      cores: used / wall,
      clientCores: selfSeconds / wall,
      machineBusy: (machine.busy - this.machineStart.busy) / (machine.total - this.machineStart.total),
      processes,
    };
  }
}

/** The last `count` error-level (pino level ≥ 50) lines of a server log, for failure messages. */
export function errorLines(logFile: string, count = 3): string[] {
  try {
    const text = readFileSync(logFile, 'utf8');
    return text
      .split('\n')
      .filter((line) => /"level":(5|6)\d/.test(line))
      .slice(-count)
      .map((line) => line.slice(0, 2000));
  } catch {
    return [];
  }
}
