import { randomUUID } from 'node:crypto';
import { IbaneraConnectionError, IbaneraError, IbaneraProtocolError } from './errors.js';
import { parseExact, stringifyExact } from './exact-json.js';
import type { Decimal } from './decimal.js';
import type { Operations } from './generated/operations.js';

/**
 * QuickBuy Pro (`/quickbuy/v1/…`): a merchant's API key (no login, no TOTP) and its own envelope,
 * `{success: true, details}` or `{success: false, message}` (this server adds `messageCode` and
 * `fieldName`). Amounts are exact decimal strings, as everywhere in this SDK.
 */
export interface QuickbuyProOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** `x-api-key` (default) or `bearer` (`Authorization: Bearer <key>`); the server takes both. */
  readonly auth?: 'x-api-key' | 'bearer';
  readonly timeoutMs?: number;
  /** Retries after a transport error or a 5xx (default 2; create keeps its IdempotencyKey); never after a 4xx. */
  readonly retriesMax?: number;
  readonly retryDelayMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type QuickbuyProState = 'NOT_STARTED' | 'PENDING' | 'CAPTURED' | 'COMPLETE' | 'EXPIRED';

/** What create answers. */
export interface QuickbuyProCreated {
  readonly id: string;
  readonly UserReference: string;
  readonly Amount: Decimal;
  readonly Currency: string;
  readonly CryptoAsset: string;
  readonly status: QuickbuyProState;
  readonly PaymentURL: string;
  readonly redirectURL: string | null;
  readonly DateCreated: string;
  readonly DateExpires: string;
}

/** A payment as get and list answer it. */
export interface QuickbuyProOrder {
  readonly id: string;
  readonly status: QuickbuyProState;
  readonly client: { readonly UserReference: string; readonly first: string | null; readonly last: string | null; readonly email: string | null; readonly phone: string | null };
  readonly fiat: { readonly amount: Decimal; readonly currency: string; readonly PaymentCardLast4Digits: string | null };
  readonly crypto: { readonly asset: string; readonly amount: Decimal | null; readonly txHash: string | null };
  readonly PaymentURL: string;
  readonly redirectURL: string | null;
  readonly DateCreated: string | null;
  readonly DateExpires: string | null;
  readonly DateCaptured: string | null;
  readonly DateTransfered: string | null;
}

/** QuickBuy Pro answered `success: false`: its `message`, and this server's code and field. */
export class QuickbuyProError extends IbaneraError {
  override name = 'QuickbuyProError';
  constructor(
    readonly httpStatus: number,
    readonly proMessage: string,
    readonly messageCode: string | undefined,
    readonly fieldName: string | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path} answered ${httpStatus}: ${proMessage}`);
  }
}

const DECIMALS = new Set(['details.Amount', 'details.fiat.amount', 'details.crypto.amount', 'details[].fiat.amount', 'details[].crypto.amount']);
const CREATE_BODY_DECIMALS = new Set(['payment.amount']);
const LIST_PAGE_SIZE = 100;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type CreateBody = Operations['POST /quickbuy/v1/create']['body'];
type ListQuery = Omit<Operations['GET /quickbuy/v1/list']['query'], 'PageNumber'>;

export class QuickbuyProClient {
  readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: QuickbuyProOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new IbaneraError(`baseUrl is not a URL: ${JSON.stringify(options.baseUrl)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IbaneraError(`baseUrl must be http:// or https://, not ${url.protocol}`);
    if (options.apiKey === '') throw new IbaneraError('apiKey is empty');
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * A payment and its PaymentURL. Sent with an `IdempotencyKey` (a UUID, or `idempotencyKey`) and
   * retried with the same key after a transport error or a 5xx: the server answers a retry with the
   * first payment, never a second one.
   */
  async create(body: CreateBody, idempotencyKey?: string): Promise<QuickbuyProCreated> {
    return (await this.send('POST', '/quickbuy/v1/create', undefined, stringifyExact(body, CREATE_BODY_DECIMALS), idempotencyKey)).details as QuickbuyProCreated;
  }

  async get(orderId: string): Promise<QuickbuyProOrder> {
    return (await this.send('GET', '/quickbuy/v1/get', { OrderID: orderId })).details as QuickbuyProOrder;
  }

  /** Payments, newest first, page after page as the loop asks for them. */
  async *list(query: ListQuery = {}): AsyncGenerator<QuickbuyProOrder, void, undefined> {
    const pageSize = Number(query.PageSize ?? LIST_PAGE_SIZE);
    for (let pageNumber = 1; ; pageNumber++) {
      const page = (await this.send('GET', '/quickbuy/v1/list', { ...query, PageSize: pageSize, PageNumber: pageNumber })).details;
      if (!Array.isArray(page)) throw new IbaneraProtocolError('GET /quickbuy/v1/list answered details that are not a list', 200);
      yield* page as QuickbuyProOrder[];
      if (page.length < pageSize) return;
    }
  }

  /** Deletes a payment still NOT_STARTED; answers its id. */
  async delete(orderId: string): Promise<string> {
    return (await this.send('DELETE', '/quickbuy/v1/delete', { OrderID: orderId })).id as string;
  }

  private async send(method: string, path: string, query?: Record<string, unknown>, body?: string, idempotencyKey?: string): Promise<Record<string, unknown>> {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.auth === 'bearer') headers['authorization'] = `Bearer ${this.options.apiKey}`;
    else headers['x-api-key'] = this.options.apiKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST') headers['IdempotencyKey'] = idempotencyKey ?? randomUUID();
    const retriesMax = this.options.retriesMax ?? 2;
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let text: string;
      try {
        const response = await this.fetchFn(url.href, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
        status = response.status;
        text = await response.text();
      } catch (error) {
        if (attempt < retriesMax) {
          await this.sleep((this.options.retryDelayMs ?? 200) * 2 ** attempt);
          continue;
        }
        const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
        throw new IbaneraConnectionError(`cannot reach ${this.baseUrl} (${method} ${path}): ${cause}`, { cause: error });
      }
      if (status >= 500 && attempt < retriesMax) {
        await this.sleep((this.options.retryDelayMs ?? 200) * 2 ** attempt);
        continue;
      }
      let parsed: unknown;
      try {
        parsed = parseExact(text, DECIMALS);
      } catch {
        throw new IbaneraProtocolError(`${method} ${this.baseUrl}${path} answered HTTP ${status}, not JSON: is baseUrl the API's address?`, status);
      }
      if (parsed === null || typeof parsed !== 'object' || typeof (parsed as { success?: unknown }).success !== 'boolean') {
        throw new IbaneraProtocolError(`${method} ${this.baseUrl}${path} answered HTTP ${status} without QuickBuy Pro's envelope`, status);
      }
      const answer = parsed as Record<string, unknown>;
      if (answer['success'] === true) return answer;
      const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
      throw new QuickbuyProError(status, str(answer['message']) ?? 'no message given', str(answer['messageCode']), str(answer['fieldName']), method, path);
    }
  }
}
