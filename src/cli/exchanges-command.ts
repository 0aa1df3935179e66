import { parseArgs } from 'node:util';
import { listWaitingForApproval } from '../exchanges/index.js';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { CliError, type CliIo } from './io.js';

export const EXCHANGES_USAGE = `ibanera-server exchanges <command>
  list-waiting [--json]   exchanges waiting for the operator's approval
  approve --id N          execute an exchange waiting for approval at its quote
  reject --id N           reject it (its funds are released)`;

/** The operator's decisions on exchanges above EXCHANGE_APPROVAL_ABOVE. */
export async function exchangesCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  let flags: { id?: string; json?: boolean };
  try {
    flags = parseArgs({ args: rest, options: { id: { type: 'string' }, json: { type: 'boolean' } } }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${EXCHANGES_USAGE}`, 2);
  }
  if (sub === 'list-waiting') {
    const rows = await listWaitingForApproval(runtime.database.db);
    if (flags.json === true)
      io.stdout(
        `${JSON.stringify(rows.map((r) => ({ id: r.id, customersId: r.customers_id, exchangeType: r.exchange_type, assetPair: r.asset_pair, requestAmount: r.request_amount, requestPrice: r.request_price })))}\n`,
      );
    else for (const r of rows) io.stdout(`${r.id}  ${r.exchange_type}  ${r.asset_pair}  customer ${r.customers_id}  amount ${r.request_amount}  value ${r.request_price}\n`);
    return;
  }
  if (sub !== 'approve' && sub !== 'reject') throw new CliError(EXCHANGES_USAGE, 2);
  if (flags.id === undefined || !/^\d{1,10}$/.test(flags.id)) throw new CliError(`--id is required\n${EXCHANGES_USAGE}`, 2);
  const id = Number(flags.id);
  try {
    const row = sub === 'approve' ? await runtime.exchanges.approve(id) : await runtime.exchanges.reject(id);
    io.stdout(`exchange ${row.id} ${row.status}\n`);
  } catch (error) {
    if (error instanceof DomainError)
      throw new CliError(
        `exchange ${id}: ${error.messageCode === 'Not_Found' ? 'not found' : error.messageCode === 'Exchange_Not_Waiting' ? 'not waiting for approval' : error.messageCode}`,
        1,
      );
    throw error;
  }
}
