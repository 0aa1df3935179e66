import { parseArgs } from 'node:util';
import { IbaneraApiError, IbaneraClient, IbaneraError } from 'ibanera-server-sdk';
import { loadConfig } from '../config/config.js';
import { openRuntime } from '../runtime.js';
import { readDemoCredentials } from './demo-principal.js';
import { CliError, type CliIo } from './io.js';
import { sessionFilePath, writeSession } from './session-file.js';

export const LOGIN_USAGE = `usage: ibanera-server login --username U --password P --secret S [--url URL]
       ibanera-server login --demo [--url URL]
  Logs in to the API and keeps the session in ~/.ibanera-server/session.json (mode 0600; IBANERA_SESSION_FILE
  to put it elsewhere) for \`ibanera-server call\`. Defaults: IBANERA_URL (else http://localhost:PORT),
  IBANERA_USERNAME, IBANERA_PASSWORD, IBANERA_SECRET. --demo reads the sandbox demo principal from the
  database (DATABASE_URL), as \`principals demo\` shows it.`;

type Flags = { username?: string; password?: string; secret?: string; url?: string; demo?: boolean };

function parseFlags(args: readonly string[]): Flags {
  try {
    return parseArgs({
      args: [...args],
      options: { username: { type: 'string' }, password: { type: 'string' }, secret: { type: 'string' }, url: { type: 'string' }, demo: { type: 'boolean' } },
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${LOGIN_USAGE}`, 2);
  }
}

interface Credentials {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly secret: string;
}

async function credentialsOf(flags: Flags, io: CliIo): Promise<Credentials> {
  const config = loadConfig(io.env);
  const url = flags.url ?? io.env.IBANERA_URL ?? `http://localhost:${config.port}`;
  if (flags.demo === true) {
    const runtime = await openRuntime(config, io.cwd);
    try {
      const demo = await readDemoCredentials(runtime);
      if (demo === null)
        throw new CliError(
          'no demo principal in this database: start the sandbox server once (`npm start`) on an empty database, or log in with --username, --password and --secret',
          1,
        );
      return { url, username: demo.username, password: demo.password, secret: demo.sharedSecret };
    } finally {
      await runtime.close();
    }
  }
  const username = flags.username ?? io.env.IBANERA_USERNAME;
  const password = flags.password ?? io.env.IBANERA_PASSWORD;
  const secret = flags.secret ?? io.env.IBANERA_SECRET;
  const missing = [username === undefined ? '--username' : '', password === undefined ? '--password' : '', secret === undefined ? '--secret' : ''].filter((m) => m !== '');
  if (username === undefined || password === undefined || secret === undefined) throw new CliError(`missing ${missing.join(', ')} (or --demo)\n${LOGIN_USAGE}`, 2);
  return { url, username, password, secret };
}

/** `login`: logs in over HTTP (TOTP computed here) and stores the session for `call`. */
export async function loginCommand(args: readonly string[], io: CliIo): Promise<void> {
  const credentials = await credentialsOf(parseFlags(args), io);
  let client: IbaneraClient;
  try {
    client = new IbaneraClient({ baseUrl: credentials.url, username: credentials.username, password: credentials.password, secret: credentials.secret });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${LOGIN_USAGE}`, 2);
  }
  let session;
  try {
    session = await client.login();
  } catch (error) {
    if (error instanceof IbaneraApiError) throw new CliError(`login refused: ${error.errors.map((e) => e.message ?? e.messageCode).join('; ')}`, 1);
    if (error instanceof IbaneraError) throw new CliError(`${error.message}${/cannot reach/.test(error.message) ? ' (is the server running? `npm start`)' : ''}`, 1);
    throw error;
  }
  const path = sessionFilePath(io);
  writeSession(path, { url: client.baseUrl, username: credentials.username, secret: credentials.secret, accessToken: session.accessToken, expiresAtMs: session.expiresAtMs });
  io.stdout(`logged in as ${credentials.username} at ${client.baseUrl}; the session lasts until ${new Date(session.expiresAtMs).toISOString()} (${path})\n`);
}
