import { parseArgs } from 'node:util';
import { base32Decode, totpCodeAt, totpStepAt } from '../auth/index.js';
import { CliError, type CliIo } from './io.js';

/** `totp --secret S`: the current code, for curl sessions and scripts. Needs no database. */
export function totpCommand(args: readonly string[], io: CliIo): void {
  let secret: string | undefined;
  try {
    secret = parseArgs({ args: [...args], options: { secret: { type: 'string' } } }).values.secret;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nusage: ibanera-server totp --secret BASE32SECRET`, 2);
  }
  const key = base32Decode(secret ?? '');
  if (secret === undefined || key === null || key.length === 0) {
    throw new CliError('usage: ibanera-server totp --secret BASE32SECRET (a Base32 shared secret)', 2);
  }
  io.stdout(`${totpCodeAt(key, totpStepAt(Date.now()))}\n`);
}
