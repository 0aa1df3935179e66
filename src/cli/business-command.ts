import { parseArgs } from 'node:util';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { CliError, type CliIo } from './io.js';

export const BUSINESS_USAGE = `ibanera-server business <command>
  decide --customers-id N --status Accepted|Rejected [--reason R] [--json]
                                   decide a submitted business verification (KYB); fires MANAGEE_KYC_UPDATED`;

const REASON_LENGTH_MAX = 500;

/** The operator's KYB decision on a business onboarded through the API. */
export async function businessCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  let flags: { 'customers-id'?: string; status?: string; reason?: string; json?: boolean };
  try {
    flags = parseArgs({ args: rest, options: { 'customers-id': { type: 'string' }, status: { type: 'string' }, reason: { type: 'string' }, json: { type: 'boolean' } } }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${BUSINESS_USAGE}`, 2);
  }
  if (sub !== 'decide') throw new CliError(BUSINESS_USAGE, 2);
  const customersId = Number(flags['customers-id']);
  if (!/^\d{1,10}$/.test(flags['customers-id'] ?? '') || !Number.isSafeInteger(customersId) || customersId <= 0)
    throw new CliError(`--customers-id must be a customer id\n${BUSINESS_USAGE}`, 2);
  const status = flags.status?.toLowerCase();
  if (status !== 'accepted' && status !== 'rejected') throw new CliError(`--status must be Accepted or Rejected\n${BUSINESS_USAGE}`, 2);
  const reason = flags.reason ?? null;
  if (reason !== null && reason.length > REASON_LENGTH_MAX) throw new CliError(`--reason is longer than ${REASON_LENGTH_MAX} characters`, 2);
  try {
    const decided = await runtime.kyb.decide(customersId, status === 'accepted' ? { status: 'Accepted' } : { status: 'Rejected', reason });
    if (flags.json === true) io.stdout(`${JSON.stringify(decided)}\n`);
    else
      io.stdout(`business ${decided.manageesId}: ${decided.verificationStatus}${decided.accountsIds.length > 0 ? `, accounts opened: ${decided.accountsIds.join(', ')}` : ''}\n`);
  } catch (error) {
    if (error instanceof DomainError)
      throw new CliError(
        `business ${customersId}: ${error.messageCode === 'Not_Found' ? 'no such business' : 'not awaiting a decision (submit its verification first; a decision is final)'}`,
        1,
      );
    throw error;
  }
}
