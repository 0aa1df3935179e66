import { parseArgs } from 'node:util';
import { checkCallbackUrl, deliverOnce, listAttempts, listCallbacks, recordAttempt, signatureHeaders, type CallbackRow } from '../callbacks/index.js';
import { inTransaction } from '../db/transaction.js';
import type { Runtime } from '../runtime.js';
import { isoTimestamp } from '../shared/clock.js';
import { CliError, type CliIo } from './io.js';

export const CALLBACKS_USAGE = `ibanera-server callbacks <command>
  list [--status pending|delivered|failed] [--limit N] [--json]   callbacks with their delivery attempts
  replay --id ID                                                  send one again now (same Id and body)`;

const LIST_LIMIT_DEFAULT = 50;
const LIST_LIMIT_MAX = 10_000;
const STATUSES = ['pending', 'delivered', 'failed'] as const;

export async function callbacksCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  let flags: { status?: string; limit?: string; json?: boolean; id?: string };
  try {
    flags = parseArgs({ args: rest, options: { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, id: { type: 'string' } } }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${CALLBACKS_USAGE}`, 2);
  }
  if (sub === 'list') return list(runtime, flags, io);
  if (sub === 'replay') return replay(runtime, flags.id, io);
  throw new CliError(CALLBACKS_USAGE, 2);
}

async function list(runtime: Runtime, flags: { status?: string; limit?: string; json?: boolean }, io: CliIo): Promise<void> {
  const status = flags.status === undefined ? null : STATUSES.find((s) => s === flags.status);
  if (status === undefined) throw new CliError(`--status must be one of ${STATUSES.join(', ')}`, 2);
  const limit = flags.limit === undefined ? LIST_LIMIT_DEFAULT : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) throw new CliError(`--limit must be 1-${LIST_LIMIT_MAX}`, 2);
  const rows = await listCallbacks(runtime.database.db, status, limit);
  const withAttempts = await Promise.all(
    rows.map(async (c) => ({
      id: c.id,
      type: c.type,
      status: c.status,
      attempts: (await listAttempts(runtime.database.db, c.id)).map((a) => ({
        attemptedAt: a.attempted_at,
        url: a.url,
        httpStatus: a.http_status,
        latencyMs: a.latency_ms,
        error: a.error,
      })),
      dateCreated: c.date_created,
      dateDelivered: c.date_delivered,
      nextAttemptAt: c.status === 'pending' ? c.next_attempt_at : null,
      lastError: c.last_error,
    })),
  );
  if (flags.json === true) {
    io.stdout(`${JSON.stringify(withAttempts)}\n`);
    return;
  }
  if (withAttempts.length === 0) io.stdout('none\n');
  for (const c of withAttempts) {
    io.stdout(
      `${c.id}  ${c.type.padEnd(27)} ${c.status.padEnd(9)} attempts ${c.attempts.length}  created ${c.dateCreated}${c.lastError === null ? '' : `  last error: ${c.lastError}`}\n`,
    );
    for (const a of c.attempts) io.stdout(`    ${a.attemptedAt}  ${a.httpStatus ?? '---'}  ${a.latencyMs} ms  ${a.error ?? 'ok'}\n`);
  }
}

async function replay(runtime: Runtime, id: string | undefined, io: CliIo): Promise<void> {
  if (id === undefined || id === '') throw new CliError(`--id is required\n${CALLBACKS_USAGE}`, 2);
  const db = runtime.database.db;
  const callback: CallbackRow | undefined = await db.selectFrom('callbacks').selectAll().where('id', '=', id).executeTakeFirst();
  if (callback === undefined) throw new CliError(`no callback ${id}`, 1);
  const principal = await db
    .selectFrom('principals')
    .select(['callback_url', 'callback_hash_secret'])
    .where('customers_id', '=', callback.principal_customers_id)
    .executeTakeFirst();
  if (!principal?.callback_url || !principal.callback_hash_secret) throw new CliError('the principal has no callback URL configured', 1);
  const check = await checkCallbackUrl(principal.callback_url, runtime.config.mode);
  if (!check.ok) throw new CliError(`callback URL refused: ${check.reason}`, 1);
  const nowMs = runtime.clock.nowMs();
  const result = await deliverOnce(check.url, callback.body, signatureHeaders(callback.id, callback.body, principal.callback_hash_secret, nowMs), {
    timeoutMs: runtime.config.callbackTimeoutMs,
    pinnedAddress: check.address,
  });
  const delivered = result.error === null;
  await inTransaction(runtime.database, (tx) =>
    recordAttempt(
      tx,
      callback,
      { attemptedAt: isoTimestamp(nowMs), url: principal.callback_url ?? '', httpStatus: result.httpStatus, latencyMs: result.latencyMs, error: result.error },
      delivered,
      delivered ? null : callback.status === 'pending' ? callback.next_attempt_at : null,
    ),
  );
  if (!delivered) throw new CliError(`replay of ${id} failed: ${result.error ?? 'unknown error'}`, 1);
  io.stdout(`replayed ${id}: HTTP ${result.httpStatus ?? '?'} in ${result.latencyMs} ms\n`);
}
