import { parseArgs } from 'node:util';
import { addBlockedAddress, ANY_ASSET, findAsset, listBlockedAddresses, removeBlockedAddress } from '../accounts/index.js';
import type { Runtime } from '../runtime.js';
import { isoTimestamp } from '../shared/clock.js';
import { CliError, type CliIo } from './io.js';
import { screeningRulesCommand } from './screening-rules-command.js';

export const SCREENING_USAGE = `ibanera-server screening <command>
  add --address A [--asset X]      block withdrawals to A (for asset X, or every asset)
  remove --address A [--asset X]   unblock it
  list [--json]                    show the blocked addresses
  rules <subcommand>               flagging rules (held for review, not refused): add, remove, list`;

const ADDRESS_LENGTH_MAX = 100;

/** Operators' list of blocked destination addresses; withdrawals check it on every request. */
export async function screeningCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'rules') return screeningRulesCommand(runtime, rest, io);
  let flags: { address?: string; asset?: string; json?: boolean };
  try {
    flags = parseArgs({ args: rest, options: { address: { type: 'string' }, asset: { type: 'string' }, json: { type: 'boolean' } } }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${SCREENING_USAGE}`, 2);
  }
  if (sub === 'list') {
    const rows = await listBlockedAddresses(runtime.database.db);
    if (flags.json === true) io.stdout(`${JSON.stringify(rows.map((r) => ({ address: r.address, asset: r.asset, dateAdded: r.date_added })))}\n`);
    else if (rows.length === 0) io.stdout('none\n');
    else for (const r of rows) io.stdout(`${r.address}  ${r.asset === ANY_ASSET ? 'all assets' : r.asset}  ${r.date_added}\n`);
    return;
  }
  if (sub !== 'add' && sub !== 'remove') throw new CliError(SCREENING_USAGE, 2);
  const address = flags.address?.trim() ?? '';
  if (address === '' || address.length > ADDRESS_LENGTH_MAX) throw new CliError(`--address is required (1-${ADDRESS_LENGTH_MAX} characters)\n${SCREENING_USAGE}`, 2);
  let asset = ANY_ASSET;
  if (flags.asset !== undefined) {
    const found = await findAsset(runtime.database.db, flags.asset);
    if (found === undefined) throw new CliError(`unknown asset: ${flags.asset}`, 2);
    asset = found.code;
  }
  if (sub === 'add') {
    await addBlockedAddress(runtime.database.db, address, asset, isoTimestamp(runtime.clock.nowMs()));
    io.stdout(`blocked ${address} for ${asset === ANY_ASSET ? 'all assets' : asset}\n`);
    return;
  }
  if (!(await removeBlockedAddress(runtime.database.db, address, asset))) throw new CliError(`${address} is not blocked for ${asset === ANY_ASSET ? 'all assets' : asset}`, 1);
  io.stdout(`unblocked ${address} for ${asset === ANY_ASSET ? 'all assets' : asset}\n`);
}
