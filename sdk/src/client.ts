import { randomUUID } from 'node:crypto';
import { isEnvelope, type Envelope } from './envelope.js';
import { IbaneraApiError, IbaneraConnectionError, IbaneraError, IbaneraProtocolError } from './errors.js';
import { parseExact, stringifyExact } from './exact-json.js';
import { OPERATIONS, type OperationMeta, type Operations } from './generated/operations.js';
import { TOTP_STEP_MS, base32Decode, totpCodeAtStep, totpStep } from './totp.js';

export const LOGIN_PATH = '/api/v1/public/auth/login';
const LIST_PAGE_SIZE = 100;

/** What the client reports as it works (for logs and tests): logins, waits and retries. */
export type ClientEvent =
  | { readonly type: 'login'; readonly step: number }
  | { readonly type: 'login-wait'; readonly waitMs: number; readonly reason: 'code-used-here' | 'code-used-elsewhere' }
  | { readonly type: 'retry'; readonly method: string; readonly path: string; readonly attempt: number; readonly reason: string };

/** A logged-in session, to keep between processes (the CLI stores it in a file). */
export interface Session {
  readonly accessToken: string;
  readonly expiresAtMs: number;
}

export interface ClientOptions {
  /** `http://localhost:3000` for this server, `https://public-api.ibanera.com` for Ibanera. */
  readonly baseUrl: string;
  readonly username?: string;
  readonly password?: string;
  /** The Base32 TOTP shared secret: a fresh code is computed for every call. */
  readonly secret?: string;
  /** A session from an earlier login (used until it nears its expiry). */
  readonly session?: Session;
  /** Per attempt (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries after a transport error or a 5xx answer (default 2); never after a 4xx. */
  readonly retriesMax?: number;
  /** First retry's wait, doubled each time (default 200). */
  readonly retryDelayMs?: number;
  /** Log in again this long before the token expires (default 60 000). */
  readonly tokenRenewMarginMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onEvent?: (event: ClientEvent) => void;
}

export interface CallOptions<Query, Body> {
  readonly query?: Query;
  readonly body?: Body;
  /** For POSTs; one is made when not given, and kept across the retries of this call. */
  readonly idempotencyKey?: string;
  /** A body already written as JSON text, sent verbatim (instead of `body`). */
  readonly rawBody?: string;
  /** A multipart/form-data body (uploads), instead of `body`; fetch writes the boundary. */
  readonly form?: FormData;
  /**
   * Extra request headers, sent as given (they replace the SDK's `accept` and `content-type`, not the
   * `authorization` and `otp` it computes). An `IdempotencyKey` or `Idempotency-Key` among them is
   * sent instead of the SDK's own key.
   */
  readonly headers?: Readonly<Record<string, string>>;
}

/** An answer as it came: the HTTP status, the response headers, the exact text, and the parsed envelope. */
export interface Answer {
  readonly httpStatus: number;
  /** Lower-case names (`idempotent-replayed: "true"` marks a replayed POST on this server). */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly envelope: Envelope<unknown>;
}

const IDEMPOTENCY_HEADERS = new Set(['idempotencykey', 'idempotency-key']);

type Key = keyof Operations;
type QueryOf<K extends Key> = Operations[K]['query'];
type BodyOf<K extends Key> = Operations[K]['body'];
type DetailsOf<K extends Key> = Operations[K]['details'];
export type PagedKey = { [K in Key]: Operations[K]['paged'] extends true ? K : never }[Key];

/**
 * Login steps used by this process, per server and username: a TOTP code logs in once, so a second
 * login in the same 30-second window (another client of this process) waits for the next one.
 */
const loginStepsUsed = new Map<string, number>();

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The client: one per principal. Safe to share between concurrent calls (one login at a time). */
export class IbaneraClient {
  readonly baseUrl: string;
  private readonly options: ClientOptions;
  private readonly secret: Buffer | undefined;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private currentSession: Session | undefined;
  private loggingIn: Promise<Session> | undefined;

  constructor(options: ClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new IbaneraError(`baseUrl is not a URL: ${JSON.stringify(options.baseUrl)} (expected e.g. http://localhost:3000)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IbaneraError(`baseUrl must be http:// or https://, not ${url.protocol}`);
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.options = options;
    this.secret = options.secret === undefined ? undefined : base32Decode(options.secret);
    this.fetchFn = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.currentSession = options.session;
  }

  /** The session in use (after a login), to store and pass back as `session` later. */
  get session(): Session | undefined {
    return this.currentSession;
  }

  /** A typed call of one operation; resolves to the whole envelope, rejects with IbaneraApiError. */
  async call<K extends Key>(key: K, options: CallOptions<QueryOf<K>, BodyOf<K>> = {}): Promise<Envelope<DetailsOf<K>>> {
    const [method, path] = splitKey(key);
    return (await this.request(method, path, options)) as Envelope<DetailsOf<K>>;
  }

  /** A typed call that resolves to the answer's `details`. */
  async details<K extends Key>(key: K, options: CallOptions<QueryOf<K>, BodyOf<K>> = {}): Promise<DetailsOf<K>> {
    return (await this.call(key, options)).details;
  }

  /** Every item of a paged list, fetching page after page as the loop asks for them. */
  async *list<K extends PagedKey>(key: K, query: Omit<QueryOf<K>, 'PageNumber'> = {} as QueryOf<K>): AsyncGenerator<DetailsOf<K>, void, undefined> {
    for await (const page of this.pages(key, query)) yield* page.details as unknown as DetailsOf<K>[];
  }

  /** The pages of a paged list, one envelope each. */
  async *pages<K extends PagedKey>(key: K, query: Omit<QueryOf<K>, 'PageNumber'> = {} as QueryOf<K>): AsyncGenerator<Envelope<DetailsOf<K>[]>, void, undefined> {
    const given = query as Record<string, unknown>;
    const pageSize = given['PageSize'] ?? LIST_PAGE_SIZE;
    for (let pageNumber = 1; ; pageNumber++) {
      const page = (await this.call(key, { query: { ...given, PageSize: pageSize, PageNumber: pageNumber } as QueryOf<K> })) as unknown as Envelope<DetailsOf<K>[]>;
      yield page;
      if (!Array.isArray(page.details) || page.details.length === 0 || pageNumber >= (page.numberOfPages ?? 0)) return;
    }
  }

  /**
   * Any operation by method and path, typed or not (routes newer than this SDK included): the token
   * and a fresh TOTP are added, POSTs get an idempotency key and are retried with it after a
   * transport error or a 5xx, and the answer is parsed exactly (amounts stay decimal strings).
   */
  async request(method: string, path: string, options: CallOptions<unknown, unknown> = {}): Promise<Envelope<unknown>> {
    const answer = await this.send(method, path, options);
    if (answer.envelope.status === '1') return answer.envelope;
    throw new IbaneraApiError(answer.httpStatus, answer.envelope.errors, method.toUpperCase(), path);
  }

  /**
   * The low-level call: like `request` (login, a fresh `otp`, the bearer token, an `IdempotencyKey`
   * on POSTs, retries, exact parsing), but an answer with `status` "0" is returned rather than
   * thrown, with its HTTP status, headers and exact text (the CLI prints it; tests assert on it).
   * Transport failures and answers that are not the API's envelope still throw. With `retriesMax: 0`
   * every call is exactly one HTTP request (plus a login when one is needed).
   */
  async send(method: string, path: string, options: CallOptions<unknown, unknown> = {}): Promise<Answer> {
    const upper = method.toUpperCase();
    const meta = operationMeta(upper, path);
    const authenticated = meta?.authenticated ?? !path.toLowerCase().startsWith('/api/v1/public/');
    const bodyText = options.form ?? options.rawBody ?? (options.body === undefined ? undefined : stringifyExact(options.body, new Set(meta?.bodyDecimals ?? [])));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (typeof bodyText === 'string') headers['content-type'] = 'application/json';
    const given = Object.entries(options.headers ?? {});
    const keyGiven = given.some(([name]) => IDEMPOTENCY_HEADERS.has(name.toLowerCase()));
    if (upper === 'POST' && authenticated && !keyGiven) headers['IdempotencyKey'] = options.idempotencyKey ?? randomUUID();
    for (const [name, value] of given) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
      headers[name] = value;
    }
    const url = this.url(path, options.query);
    const retriesMax = this.options.retriesMax ?? 2;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      if (authenticated) Object.assign(headers, await this.authHeaders());
      const answer = await this.exchange(upper, url, headers, bodyText, attempt < retriesMax);
      if (answer === 'retry' || (answer.httpStatus >= 500 && attempt < retriesMax)) {
        const reason = answer === 'retry' ? 'transport error' : `HTTP ${answer.httpStatus}`;
        this.options.onEvent?.({ type: 'retry', method: upper, path, attempt: attempt + 1, reason });
        await this.sleep((this.options.retryDelayMs ?? 200) * 2 ** attempt);
        continue;
      }
      const envelope = this.envelopeOf(answer, meta, upper, path);
      const code = envelope.errors[0]?.messageCode;
      if (envelope.status === '0' && authenticated && !renewed && (code === 'Token_Expired' || code === 'Token_Invalid') && this.hasCredentials()) {
        renewed = true;
        this.currentSession = undefined;
        attempt--;
        continue;
      }
      return { httpStatus: answer.httpStatus, headers: answer.headers, text: answer.text, envelope };
    }
  }

  /** Logs in now (calls log in by themselves when needed). */
  async login(): Promise<Session> {
    this.loggingIn ??= this.loginOnce().finally(() => {
      this.loggingIn = undefined;
    });
    return this.loggingIn;
  }

  private hasCredentials(): boolean {
    return this.options.username !== undefined && this.options.password !== undefined && this.secret !== undefined;
  }

  private async authHeaders(): Promise<Record<string, string>> {
    const margin = this.options.tokenRenewMarginMs ?? 60_000;
    const session = this.currentSession !== undefined && this.now() < this.currentSession.expiresAtMs - margin ? this.currentSession : await this.login();
    if (this.secret === undefined) throw new IbaneraError('no TOTP secret: pass `secret` (the Base32 shared secret) to compute the otp header');
    return { authorization: `Bearer ${session.accessToken}`, otp: totpCodeAtStep(this.secret, totpStep(this.now())) };
  }

  private async loginOnce(): Promise<Session> {
    const { username, password } = this.options;
    if (username === undefined || password === undefined || this.secret === undefined) {
      throw new IbaneraError(this.currentSession === undefined ? 'not logged in: pass username, password and secret' : 'the session has expired: log in again');
    }
    const stepKey = `${this.baseUrl} ${username.toLowerCase()}`;
    for (let refused = false; ;) {
      const nowMs = this.now();
      const step = totpStep(nowMs);
      const used = loginStepsUsed.get(stepKey) ?? -1;
      if (step <= used) {
        const waitMs = (used + 1) * TOTP_STEP_MS - nowMs + 50;
        this.options.onEvent?.({ type: 'login-wait', waitMs, reason: refused ? 'code-used-elsewhere' : 'code-used-here' });
        await this.sleep(waitMs);
        continue;
      }
      loginStepsUsed.set(stepKey, step);
      this.options.onEvent?.({ type: 'login', step });
      const body = stringifyExact({ username, password, otp: totpCodeAtStep(this.secret, step) });
      const answer = await this.exchange('POST', this.url(LOGIN_PATH), { accept: 'application/json', 'content-type': 'application/json' }, body, false);
      if (answer === 'retry') throw new Error('unreachable: login is sent without retries');
      const envelope = this.envelopeOf(answer, undefined, 'POST', LOGIN_PATH);
      if (envelope.status === '1') {
        const details = envelope.details as { accessToken: string; expiresIn: number };
        this.currentSession = { accessToken: details.accessToken, expiresAtMs: nowMs + details.expiresIn * 1000 };
        return this.currentSession;
      }
      const first = envelope.errors[0];
      // A code logs in once. If another process used this one, the next window's code will do; this
      // server says so in `message`, Ibanera answers the same code as for a wrong password: one retry.
      const reused = first?.messageCode === 'Username_Or_Password_Incorrect' && (first.message === undefined || /already (been )?used/i.test(first.message));
      if (!reused || refused) throw new IbaneraApiError(answer.httpStatus, envelope.errors, 'POST', LOGIN_PATH);
      refused = true;
    }
  }

  private url(path: string, query?: unknown): string {
    if (!path.startsWith('/')) throw new IbaneraError(`path must start with "/": ${path}`);
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url.href;
  }

  /** One HTTP exchange; 'retry' after a transport error when a retry is allowed. */
  private async exchange(method: string, url: string, headers: Record<string, string>, body: string | FormData | undefined, retryAllowed: boolean): Promise<Exchanged | 'retry'> {
    try {
      const response = await this.fetchFn(url, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
      const answerHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (answerHeaders[name.toLowerCase()] = value));
      return { httpStatus: response.status, contentType: response.headers.get('content-type') ?? '', headers: answerHeaders, text: await response.text() };
    } catch (error) {
      if (retryAllowed) return 'retry';
      const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw new IbaneraConnectionError(`cannot reach ${this.baseUrl} (${method} ${new URL(url).pathname}): ${cause}`, { cause: error });
    }
  }

  private envelopeOf(answer: Exchanged, meta: OperationMeta | undefined, method: string, path: string): Envelope<unknown> {
    const where = `${method} ${this.baseUrl}${path} answered HTTP ${answer.httpStatus}`;
    if (answer.httpStatus >= 300 && answer.httpStatus < 400) throw new IbaneraProtocolError(`${where} (a redirect): is baseUrl right?`, answer.httpStatus);
    let parsed: unknown;
    try {
      parsed = parseExact(answer.text, new Set(meta?.responseDecimals ?? []));
    } catch {
      throw new IbaneraProtocolError(`${where} with ${answer.contentType || 'no content type'}, not JSON: is baseUrl the API's address?`, answer.httpStatus);
    }
    if (!isEnvelope(parsed)) throw new IbaneraProtocolError(`${where} with JSON that is not the API's envelope: is baseUrl the API's address?`, answer.httpStatus);
    return parsed;
  }
}

interface Exchanged {
  readonly httpStatus: number;
  readonly contentType: string;
  readonly headers: Record<string, string>;
  readonly text: string;
}

function splitKey(key: string): [string, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
}

const metaByLowerKey = new Map<string, OperationMeta>(Object.entries(OPERATIONS).map(([key, meta]) => [key.toLowerCase(), meta]));

function operationMeta(method: string, path: string): OperationMeta | undefined {
  return metaByLowerKey.get(`${method} ${path.split('?')[0] ?? ''}`.toLowerCase());
}
