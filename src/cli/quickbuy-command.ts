import { parseArgs } from 'node:util';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { CliError, type CliIo } from './io.js';

export const QUICKBUY_USAGE = `ibanera-server quickbuy keys <command>
  create --username U [--origin URL]... [--callback-url URL] [--json]   a QuickBuy API key (prints the key and its secret once)
  list --username U [--json]                                            the principal's keys (never the key or the secret)
  revoke --username U --key-id ID                                       the key stops working at once`;

type Flags = { username?: string; origin?: string[]; 'callback-url'?: string; json?: boolean; 'key-id'?: string };

export async function quickbuyCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [group, sub, ...rest] = args;
  let flags: Flags;
  try {
    flags = parseArgs({
      args: rest,
      options: {
        username: { type: 'string' },
        origin: { type: 'string', multiple: true },
        'callback-url': { type: 'string' },
        json: { type: 'boolean' },
        'key-id': { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${QUICKBUY_USAGE}`, 2);
  }
  if (group !== 'keys' || flags.username === undefined) throw new CliError(QUICKBUY_USAGE, 2);
  try {
    if (sub === 'create') {
      const key = await runtime.quickbuyKeys.create(flags.username, flags.origin ?? [], flags['callback-url'] ?? null);
      if (flags.json === true) io.stdout(`${JSON.stringify(key)}\n`);
      else
        io.stdout(
          `key id:     ${key.keyId}\napi key:    ${key.apiKey}\nsecret:     ${key.secret}\norigins:    ${key.allowedOrigins.join(' ') || '(none)'}\ncallback:   ${key.callbackUrl ?? '(none)'}\nThe API key and the secret are shown only now.\n`,
        );
      return;
    }
    if (sub === 'list') {
      const keys = await runtime.quickbuyKeys.list(flags.username);
      io.stdout(
        flags.json === true
          ? `${JSON.stringify(keys)}\n`
          : keys.map((k) => `${k.keyId}  ${k.dateRevoked === null ? 'live   ' : 'revoked'}  ${k.allowedOrigins.join(' ')}\n`).join(''),
      );
      return;
    }
    if (sub === 'revoke' && flags['key-id'] !== undefined) {
      if (!(await runtime.quickbuyKeys.revoke(flags.username, flags['key-id']))) throw new CliError('no live key with that id for this principal', 1);
      io.stdout('revoked\n');
      return;
    }
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(`${error.errors.map((e) => `${e.fieldName}: ${e.messageCode}`).join(', ')}`, 1);
    throw error;
  }
  throw new CliError(QUICKBUY_USAGE, 2);
}
