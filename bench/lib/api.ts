import { randomBytes } from 'node:crypto';
import { IbaneraClient, totpCode } from '../../sdk/src/index.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface Principal {
  readonly customersId: number;
  readonly username: string;
  readonly password: string;
  readonly sharedSecret: string;
}

/** Runs an `ibanera-server` command in this process against `databaseUrl`; throws unless it exits 0. */
export async function cli(databaseUrl: string, args: readonly string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCli(args, {
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', MODE: 'sandbox', DEMO_PRINCIPAL: 'false' },
    cwd: process.cwd(),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  if (exitCode !== 0) throw new Error(`ibanera-server ${args.join(' ')} exited ${String(exitCode)}: ${stderr}${stdout}`);
  return stdout;
}

/** A new principal through the command line (which also migrates a fresh database). */
export async function createPrincipal(databaseUrl: string, prefix: string): Promise<Principal> {
  const username = `${prefix}${randomBytes(4).toString('hex')}`;
  const password = `bench-${randomBytes(8).toString('hex')}`;
  const out = await cli(databaseUrl, ['principals', 'create', '--username', username, '--password', password, '--json']);
  const created = JSON.parse(out) as { customersId: number; username: string; sharedSecret: string };
  return { customersId: created.customersId, username: created.username, password, sharedSecret: created.sharedSecret };
}

/** The TOTP code of the current 30 s step (the SDK's); with OTP_DRIFT_STEPS=1 it is accepted for at least 30 s more. */
export function currentOtp(principal: Principal, nowMs = Date.now()): string {
  return totpCode(principal.sharedSecret, nowMs);
}

/**
 * A logged-in session against a running server, for setting up data through the public API: the
 * SDK's client (login, a fresh otp per call, the bearer token, exact JSON both ways), without retries
 * (a failed set-up step fails the run). The load itself (autocannon) sends `headers()`.
 */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    readonly principal: Principal,
    readonly token: string,
    private readonly client: IbaneraClient,
  ) {}

  /** `fetchFn`: another transport for the SDK (the in-process app, for statement counts). */
  static async login(baseUrl: string, principal: Principal, fetchFn?: typeof fetch): Promise<ApiSession> {
    const client = new IbaneraClient({
      baseUrl,
      username: principal.username,
      password: principal.password,
      secret: principal.sharedSecret,
      retriesMax: 0,
      ...(fetchFn === undefined ? {} : { fetch: fetchFn }),
    });
    const session = await client.login();
    return new ApiSession(baseUrl, principal, session.accessToken, client);
  }

  /** Headers of an authenticated request, with an `otp` valid for the next 30 s or more. */
  headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, otp: currentOtp(this.principal) };
  }

  /** One call through the SDK; its `details` (amounts as exact strings). Throws on an error answer. */
  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    return (await this.client.request(method, path, body === undefined ? {} : { body })).details;
  }

  /** The raw body of a GET (to serve the same bytes from the bare baseline). */
  async rawGet(path: string): Promise<string> {
    const answer = await this.client.send('GET', path);
    if (answer.httpStatus !== 200) throw new Error(`GET ${path}: ${answer.httpStatus} ${answer.text}`);
    return answer.text;
  }

  async createAccount(name: string, asset = 'USD'): Promise<number> {
    const details = (await this.call('POST', '/api/v2/customer/accounts/create', { CustomersId: this.principal.customersId, Name: name, Asset: asset })) as {
      accounts: { id: number }[];
    };
    const id = details.accounts[0]?.id;
    if (id === undefined) throw new Error('account create returned no account');
    return id;
  }

  /** A simulated ACH pay-in (sandbox), posted at once; `amount` a decimal literal. */
  async payIn(accountId: number, amount: string): Promise<void> {
    await this.client.request('POST', '/api/v1/customer/simulations/payins', { body: { DestinationAccountId: accountId, TransferType: 'ACH', Amount: amount } });
  }
}

/** `pairs` (source, destination) USD account pairs, each source funded with `funding`. */
export async function fundedPairs(session: ApiSession, label: string, pairs: number, funding: string): Promise<[number, number][]> {
  const out: [number, number][] = [];
  for (let i = 0; i < pairs; i++) {
    const source = await session.createAccount(`${label} source ${i}`);
    const destination = await session.createAccount(`${label} destination ${i}`);
    await session.payIn(source, funding);
    out.push([source, destination]);
  }
  return out;
}

export const TRANSFER_PATH = '/api/v1/customer/transfers/fiat/createinternaltransfer';
export const TRANSFER_AMOUNT = '0.01';

export function transferBody(source: number, destination: number): string {
  return `{"SourceAccountId":${source},"DestinationAccountId":${destination},"Amount":${TRANSFER_AMOUNT}}`;
}
