import { parseArgs } from 'node:util';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { CliError, type CliIo } from './io.js';

export const MANAGEES_USAGE = `ibanera-server managees <command>
  list [--status Pending|Accepted|Rejected] [--limit N] [--json]   managees of every principal, newest first
  show ID [--json]                                                 one managee's profile and KYC state
  accept ID                                                        accept its KYC (opens its accounts; MANAGEE_KYC_UPDATED)
  reject ID [--reason TEXT]                                        reject its KYC, final (MANAGEE_KYC_UPDATED)`;

const LIST_LIMIT_DEFAULT = 50;
const LIST_LIMIT_MAX = 10_000;
const REASON_LENGTH_MAX = 500;
const STATUSES = ['Pending', 'Accepted', 'Rejected'] as const;

/** Compliance decides managees' KYC: in production the only way it moves (the sandbox also has simulations). */
export async function manageesCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  let flags: { status?: string; limit?: string; json?: boolean; reason?: string };
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' }, reason: { type: 'string' } },
    });
    flags = parsed.values;
    positionals = parsed.positionals;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${MANAGEES_USAGE}`, 2);
  }
  const managees = runtime.managees;
  try {
    if (sub === 'list') {
      const status = flags.status === undefined ? undefined : STATUSES.find((s) => s.toLowerCase() === flags.status?.toLowerCase());
      if (flags.status !== undefined && status === undefined) throw new CliError(`--status must be one of ${STATUSES.join(', ')}`, 2);
      const limit = flags.limit === undefined ? LIST_LIMIT_DEFAULT : Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) throw new CliError(`--limit must be 1-${LIST_LIMIT_MAX}`, 2);
      const rows = await managees.listForOperator(status, limit);
      if (flags.json === true) io.stdout(`${JSON.stringify(rows)}\n`);
      else
        for (const m of rows)
          io.stdout(
            `${m.id}  ${m.verificationStatus.padEnd(8)} ${m.name}  manager ${m.managerCustomersId}  identity check ${m.bJumioCompleted ? 'done' : 'not done'}  added ${m.dateAdded}\n`,
          );
      return;
    }
    const id = positionals[0] !== undefined && /^\d{1,10}$/.test(positionals[0]) ? Number(positionals[0]) : NaN;
    if (!(id >= 1 && id <= 2_147_483_647) && sub !== undefined && ['show', 'accept', 'reject'].includes(sub)) throw new CliError(`a managee id is required\n${MANAGEES_USAGE}`, 2);
    if (sub === 'show') {
      const m = await managees.showForOperator(id);
      io.stdout(flags.json === true ? `${JSON.stringify(m)}\n` : `${m.id}  ${m.name}  ${m.verificationStatus}  manager ${m.managerCustomersId}  ${m.emailAddress}\n`);
      return;
    }
    if (sub === 'accept' || sub === 'reject') {
      const reason = flags.reason?.trim();
      if (reason !== undefined && reason.length > REASON_LENGTH_MAX) throw new CliError(`--reason must be at most ${REASON_LENGTH_MAX} characters`, 2);
      const decision = sub === 'accept' ? ({ status: 'Accepted' } as const) : ({ status: 'Rejected', reason: reason === undefined || reason === '' ? null : reason } as const);
      const decided = await managees.decideKycAsOperator(id, decision, {});
      io.stdout(`managee ${decided.manageesId}: ${decided.verificationStatus}${decided.accountsIds.length === 0 ? '' : ` (accounts ${decided.accountsIds.join(', ')})`}\n`);
      return;
    }
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`refused: ${error.errors.map((e) => `${e.messageCode}${e.fieldName === '' ? '' : ` (${e.fieldName})`}`).join(', ')}`, 1);
    throw error;
  }
  throw new CliError(MANAGEES_USAGE, 2);
}
