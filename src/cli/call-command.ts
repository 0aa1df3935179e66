import { parseArgs } from 'node:util';
import { IbaneraClient, IbaneraError, parseExact } from 'ibanera-server-sdk';
import { CliError, type CliIo } from './io.js';
import { readSession, sessionFilePath } from './session-file.js';

export const CALL_USAGE = `usage: ibanera-server call METHOD PATH [--data JSON] [--idempotency-key KEY]
  Calls the API with the session of \`ibanera-server login\` (token and a fresh TOTP on every call; POSTs
  get an IdempotencyKey) and prints the answer's envelope as JSON, amounts exactly as sent.
  Exit code 1 when its status is "0". Example:
    ibanera-server call GET /api/v1/customer/accounts/balances
    ibanera-server call POST /api/v2/customer/accounts/create --data '{"CustomersId":1,"Name":"Main","Asset":"USD"}'`;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** `call METHOD PATH`: one API call; returns the exit code (1 when the envelope's status is "0"). */
export async function callCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { data: { type: 'string' }, 'idempotency-key': { type: 'string' } } });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${CALL_USAGE}`, 2);
  }
  const [method, path, ...extra] = parsed.positionals;
  if (method === undefined || path === undefined || extra.length > 0 || !METHODS.has(method.toUpperCase()) || !path.startsWith('/')) throw new CliError(CALL_USAGE, 2);
  const data = parsed.values.data;
  if (data !== undefined) {
    try {
      parseExact(data);
    } catch {
      throw new CliError(`--data is not valid JSON\n${CALL_USAGE}`, 2);
    }
  }
  const sessionPath = sessionFilePath(io);
  const session = readSession(sessionPath);
  if (session === null)
    throw new CliError(
      `not logged in (no session in ${sessionPath}): run \`ibanera-server login --demo\` or \`ibanera-server login --username U --password P --secret S\` first`,
      1,
    );
  if (session.expiresAtMs <= Date.now())
    throw new CliError(`the session of ${session.username} expired at ${new Date(session.expiresAtMs).toISOString()}: run \`ibanera-server login\` again`, 1);
  const client = new IbaneraClient({ baseUrl: session.url, username: session.username, secret: session.secret, session, tokenRenewMarginMs: 0 });
  try {
    const answer = await client.send(method, path, { rawBody: data, idempotencyKey: parsed.values['idempotency-key'] });
    io.stdout(`${indentJson(answer.text)}\n`);
    return answer.envelope.status === '0' ? 1 : 0;
  } catch (error) {
    if (error instanceof IbaneraError) throw new CliError(error.message, 1);
    throw error;
  }
}

/** `call` on its own, for the process entry's fast path (it loads the SDK only, not the server). */
export async function runCallCommand(args: readonly string[], io: CliIo): Promise<number> {
  try {
    return await callCommand(args, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`${error.message}\n`);
    return error.exitCode;
  }
}

/** Re-indents JSON text without parsing its numbers, so every literal is printed exactly as received. */
export function indentJson(text: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (inString) {
      out += char;
      if (char === '\\') out += text.charAt(++i);
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      if (text.charAt(i + 1) === close) {
        out += char + close;
        i++;
      } else {
        depth++;
        out += char + newline();
      }
    } else if (char === '}' || char === ']') {
      depth--;
      out += newline() + char;
    } else if (char === ',') out += `,${newline()}`;
    else if (char === ':') out += ': ';
    else if (!/\s/.test(char)) out += char;
  }
  return out;
}
