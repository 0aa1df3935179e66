import { randomBytes } from 'node:crypto';
import { base32Decode, totpCodeAt, totpStepAt } from '../../src/auth/index.js';
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

/** The TOTP code of the current 30 s step; with OTP_DRIFT_STEPS=1 it is accepted for at least 30 s more. */
export function currentOtp(principal: Principal, nowMs = Date.now()): string {
  const key = base32Decode(principal.sharedSecret);
  if (key === null) throw new Error('bad shared secret');
  return totpCodeAt(key, totpStepAt(nowMs));
}

interface Envelope {
  readonly status: string;
  readonly details: unknown;
  readonly errors: readonly unknown[];
}

/** A logged-in session against a running server, for setting up data through the public API. */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    readonly principal: Principal,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, principal: Principal): Promise<ApiSession> {
    const response = await fetch(new URL('/api/v1/public/auth/login', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: principal.username, password: principal.password, otp: currentOtp(principal) }),
    });
    const body = (await response.json()) as Envelope;
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(body)}`);
    return new ApiSession(baseUrl, principal, (body.details as { accessToken: string }).accessToken);
  }

  /** Headers of an authenticated request, with an `otp` valid for the next 30 s or more. */
  headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, otp: currentOtp(this.principal) };
  }

  async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { ...this.headers(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (JSON.parse(text) as Envelope).details;
  }

  /** The raw body of a GET (to serve the same bytes from the bare baseline). */
  async rawGet(path: string): Promise<string> {
    const response = await fetch(new URL(path, this.baseUrl), { headers: this.headers() });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${text}`);
    return text;
  }

  async createAccount(name: string, asset = 'USD'): Promise<number> {
    const details = (await this.call('POST', '/api/v2/customer/accounts/create', { CustomersId: this.principal.customersId, Name: name, Asset: asset })) as {
      accounts: { id: number }[];
    };
    const id = details.accounts[0]?.id;
    if (id === undefined) throw new Error('account create returned no account');
    return id;
  }

  /** A simulated ACH pay-in (sandbox), posted at once. */
  async payIn(accountId: number, amount: string): Promise<void> {
    const response = await fetch(new URL('/api/v1/customer/simulations/payins', this.baseUrl), {
      method: 'POST',
      headers: { ...this.headers(), 'content-type': 'application/json' },
      body: `{"DestinationAccountId":${accountId},"TransferType":"ACH","Amount":${amount}}`,
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`pay-in: ${response.status} ${text}`);
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
