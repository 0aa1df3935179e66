/**
 * Watchdog of one benchmark run, started detached by bench/run.ts: if the runner dies without
 * cleaning up (SIGKILL, a crash), this kills the children it recorded (by pid, after checking each
 * is still the command it started), drops the PostgreSQL databases it recorded and removes its
 * temp directory. It exits as soon as the runner has cleaned up (the state file is gone).
 * Usage: node --import tsx bench/reaper.ts RUNNER_PID STATE_FILE
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

export interface ReaperState {
  readonly tmp: string;
  readonly children: readonly { readonly pid: number; readonly marker: string }[];
  readonly postgresUrl: string;
  readonly databases: readonly string[];
}

const [runnerPid, stateFile] = [Number(process.argv[2]), process.argv[3] ?? ''];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function reap(state: ReaperState): Promise<void> {
  for (const child of state.children) {
    if (alive(child.pid) && commandOf(child.pid).includes(child.marker)) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  if (state.databases.length > 0) {
    const admin = new pg.Client({ connectionString: state.postgresUrl, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
      for (const name of state.databases) if (/^ibanera_bench_\w+$/.test(name)) await admin.query(`drop database if exists "${name}" with (force)`);
    } catch {
      // best effort
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  if (state.tmp.includes('ibanera-bench-')) rmSync(state.tmp, { recursive: true, force: true });
}

for (;;) {
  if (!existsSync(stateFile)) break;
  if (!alive(runnerPid)) {
    await reap(JSON.parse(readFileSync(stateFile, 'utf8')) as ReaperState);
    break;
  }
  await sleep(500);
}
