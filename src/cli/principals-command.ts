import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { checkCallbackUrl } from '../callbacks/index.js';
import { listPrincipals, setCallbackTarget, updatePrincipalFlags } from '../auth/index.js';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';
import { readDemoCredentials } from './demo-principal.js';
import { CliError, type CliIo } from './io.js';

export const PRINCIPALS_USAGE = `ibanera-server principals <command>
  create --username U --password P [--unverified] [--json]   create an API principal (prints its shared secret)
  list [--json]                                              list principals
  suppress|unsuppress|unlock --username U                    change a principal's state
  set-callback --username U --url URL [--rotate-secret] [--json]  set where callbacks go (prints a new hash secret)
  demo [--json]                                              show the sandbox demo principal's credentials`;

type Flags = { username?: string; password?: string; json?: boolean; unverified?: boolean; url?: string; 'rotate-secret'?: boolean };

function parseFlags(args: readonly string[]): Flags {
  try {
    return parseArgs({
      args: [...args],
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        json: { type: 'boolean' },
        unverified: { type: 'boolean' },
        url: { type: 'string' },
        'rotate-secret': { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${PRINCIPALS_USAGE}`, 2);
  }
}

function requireFlag(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new CliError(`--${name} is required\n${PRINCIPALS_USAGE}`, 2);
  return value;
}

export async function principalsCommand(runtime: Runtime, args: readonly string[], io: CliIo): Promise<void> {
  const [sub, ...rest] = args;
  const flags = parseFlags(rest);
  switch (sub) {
    case 'create':
      return createPrincipal(runtime, flags, io);
    case 'list':
      return printPrincipals(runtime, flags, io);
    case 'suppress':
    case 'unsuppress':
    case 'unlock':
      return changeState(runtime, sub, requireFlag(flags.username, 'username'), io);
    case 'demo':
      return printDemo(runtime, flags, io);
    case 'set-callback':
      return setCallback(runtime, flags, io);
    case undefined:
    default:
      throw new CliError(PRINCIPALS_USAGE, 2);
  }
}

async function createPrincipal(runtime: Runtime, flags: Flags, io: CliIo): Promise<void> {
  const username = requireFlag(flags.username, 'username');
  const password = requireFlag(flags.password, 'password');
  try {
    const created = await runtime.auth.createPrincipal(username, password, flags.unverified !== true);
    if (flags.json === true) {
      io.stdout(`${JSON.stringify(created)}\n`);
      return;
    }
    io.stdout(`customersId:  ${created.customersId}\nusername:     ${created.username}\nsharedSecret: ${created.sharedSecret}\notpauthUrl:   ${created.otpauthUrl}\n`);
  } catch (error) {
    if (error instanceof DomainError) {
      const first = error.errors[0];
      const why = first?.fieldName === 'username' ? 'username taken or invalid (3-100 of A-Z a-z 0-9 . _ @ + -)' : 'password must be 8-256 characters';
      throw new CliError(`cannot create principal: ${why}`, 1);
    }
    throw error;
  }
}

async function printPrincipals(runtime: Runtime, flags: Flags, io: CliIo): Promise<void> {
  const nowMs = runtime.clock.nowMs();
  const rows = (await listPrincipals(runtime.database.db)).map((p) => ({
    customersId: p.customers_id,
    username: p.username,
    verified: p.b_verified === 1,
    suppressed: p.b_suppressed === 1,
    locked: p.locked_until !== null && Date.parse(p.locked_until) > nowMs,
    dateAdded: p.date_added,
  }));
  if (flags.json === true) {
    io.stdout(`${JSON.stringify(rows)}\n`);
    return;
  }
  if (rows.length === 0) {
    io.stdout('none\n');
    return;
  }
  io.stdout('customersId  username                  verified  suppressed  locked  dateAdded\n');
  for (const r of rows) {
    io.stdout(
      `${String(r.customersId).padEnd(12)} ${r.username.padEnd(25)} ${String(r.verified).padEnd(9)} ${String(r.suppressed).padEnd(11)} ${String(r.locked).padEnd(7)} ${r.dateAdded}\n`,
    );
  }
}

async function changeState(runtime: Runtime, sub: 'suppress' | 'unsuppress' | 'unlock', username: string, io: CliIo): Promise<void> {
  const flags = sub === 'unlock' ? { failed_attempts: 0, locked_until: null } : { b_suppressed: sub === 'suppress' ? 1 : 0 };
  if (!(await updatePrincipalFlags(runtime.database.db, username, flags))) throw new CliError(`no principal named ${username}`, 1);
  io.stdout(`${username}: ${sub === 'unlock' ? 'unlocked' : `${sub}ed`}\n`);
}

async function printDemo(runtime: Runtime, flags: Flags, io: CliIo): Promise<void> {
  if (runtime.config.mode !== 'sandbox') throw new CliError('the demo principal exists only in sandbox mode', 1);
  const demo = await readDemoCredentials(runtime);
  if (demo === null) throw new CliError('no demo principal yet: start the server once (npm start) on an empty database', 1);
  io.stdout(flags.json === true ? `${JSON.stringify(demo)}\n` : `username: ${demo.username}\npassword: ${demo.password}\nsharedSecret: ${demo.sharedSecret}\n`);
}

async function setCallback(runtime: Runtime, flags: Flags, io: CliIo): Promise<void> {
  const username = requireFlag(flags.username, 'username');
  const url = requireFlag(flags.url, 'url');
  const check = await checkCallbackUrl(url, runtime.config.mode);
  if (!check.ok) throw new CliError(`invalid callback URL: ${check.reason}`, 1);
  const db = runtime.database.db;
  const principal = await db.selectFrom('principals').select(['customers_id', 'callback_hash_secret']).where('username', '=', username.toLowerCase()).executeTakeFirst();
  if (principal === undefined) throw new CliError(`no principal named ${username}`, 1);
  const newSecret = principal.callback_hash_secret === null || flags['rotate-secret'] === true ? randomBytes(32).toString('base64url') : null;
  await setCallbackTarget(db, principal.customers_id, check.url.toString(), newSecret);
  if (flags.json === true) {
    io.stdout(`${JSON.stringify({ callbackUrl: check.url.toString(), hashSecret: newSecret })}\n`);
    return;
  }
  io.stdout(`callbackUrl: ${check.url.toString()}\n`);
  io.stdout(
    newSecret === null
      ? 'hashSecret:  unchanged (use --rotate-secret for a new one)\n'
      : `hashSecret:  ${newSecret}\n(shown once: keep it to verify the webhook-signature header)\n`,
  );
}
