import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { IbaneraError } from './errors.js';
import { parseExact } from './exact-json.js';
import type { Decimal } from './decimal.js';

/**
 * Callbacks (webhooks): check their signatures against the raw body, then parse them exactly.
 * Ibanera signs `webhook-signature: base64(sha256(body + hashSecret))`; this server adds a
 * timestamped HMAC (`x-webhook-id`, `x-webhook-timestamp`, `x-webhook-signature: v1,…`) that lets a
 * receiver refuse replays. QuickBuy signs `Quickbuy-Signature` the way Ibanera signs callbacks.
 */
export type Headers = Readonly<Record<string, string | readonly string[] | undefined>> | globalThis.Headers;

export interface VerifyOptions {
  /** Refuse a timestamped signature older or newer than this (default 300 s). */
  readonly toleranceSeconds?: number;
  /** Also require the timestamped signature (this server always sends it; Ibanera does not). */
  readonly requireTimestamp?: boolean;
  readonly nowMs?: number;
}

export class IbaneraWebhookError extends IbaneraError {
  override name = 'IbaneraWebhookError';
}

function header(headers: Headers, name: string): string | undefined {
  if (typeof (headers as globalThis.Headers).get === 'function') return (headers as globalThis.Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

function same(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given.trim());
  return a.length === b.length && timingSafeEqual(a, b);
}

const bodyText = (rawBody: string | Uint8Array) => (typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
const sha256Signature = (body: string, secret: string) =>
  createHash('sha256')
    .update(body + secret, 'utf8')
    .digest('base64');

/** Why a callback's signature does not verify, or null when it does. */
export function webhookSignatureProblem(rawBody: string | Uint8Array, headers: Headers, hashSecret: string, options: VerifyOptions = {}): string | null {
  const body = bodyText(rawBody);
  if (!same(sha256Signature(body, hashSecret), header(headers, 'webhook-signature'))) return 'webhook-signature does not match the body and hash secret';
  const timestamped = header(headers, 'x-webhook-signature');
  if (timestamped === undefined) return options.requireTimestamp === true ? 'x-webhook-signature is missing' : null;
  const id = header(headers, 'x-webhook-id') ?? '';
  const timestampText = header(headers, 'x-webhook-timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestampText)) return 'x-webhook-timestamp is not a Unix time in seconds';
  const timestamp = Number(timestampText);
  const ageSeconds = Math.abs((options.nowMs ?? Date.now()) / 1000 - timestamp);
  if (ageSeconds > (options.toleranceSeconds ?? 300)) return `x-webhook-timestamp is ${Math.round(ageSeconds)} s away from now`;
  const expected = `v1,${createHmac('sha256', hashSecret).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
  return same(expected, timestamped) ? null : 'x-webhook-signature does not match';
}

/** Whether a callback's signatures verify (the raw body exactly as received). */
export function verifyWebhookSignature(rawBody: string | Uint8Array, headers: Headers, hashSecret: string, options: VerifyOptions = {}): boolean {
  return webhookSignatureProblem(rawBody, headers, hashSecret, options) === null;
}

/** Whether a QuickBuy callback's `Quickbuy-Signature` verifies. */
export function verifyQuickbuySignature(rawBody: string | Uint8Array, headers: Headers, secret: string): boolean {
  return same(sha256Signature(bodyText(rawBody), secret), header(headers, 'quickbuy-signature'));
}

export interface FiatDepositReceived {
  AccountsId: number;
  TransactionsId: number;
  OriginalTransactionsId: number | null;
  Reference: string | null;
  SenderDetails: {
    RoutingNumber: string | null;
    AccountNumber: string | null;
    Name: string | null;
    AddressLine1: string | null;
    AddressLine2: string | null;
    AddressLine3: string | null;
  };
  Amount: Decimal;
  Imad: string | null;
  Date: string;
  bReversal: boolean;
  bFlagged: boolean;
}
export interface CryptoTransfer {
  AccountsId: number;
  TransactionsId: number;
  SourceAccountsId: number | null;
  DestinationAccountsId: number | null;
  TransactionHash: string | null;
  SourceAddress: string | null;
  DestinationAddress: string | null;
  Amount: { Asset: string; Amount: Decimal };
  NetworkFee: { Asset: string; Amount: Decimal };
  Status: 'Pending' | 'Completed' | 'Failed';
}
export interface TransactionStatusUpdated {
  Id: number;
  AccountsId: number;
  FromTransactionsId: number | null;
  FromAccountsId: number | null;
  ToTransactionsId: number | null;
  ToAccountsId: number | null;
  RollbackTransactionsId: number | null;
  Amount: Decimal;
  Description: string | null;
  DateTime: string;
  bPending: boolean;
  bCompleted: boolean;
  bRejected: boolean;
}
export interface ManageeJumioCompleted {
  ManageesId: number;
  ManageeCustomerUsersId: number;
  DateJumioCompleted: string;
}
export interface ManageeKycUpdated {
  ManageesId: number;
  VerificationStatus: string;
  AcceptDate: string | null;
  RejectDate: string | null;
  RejectReason: string | null;
}

interface CallbackOf<T extends string, D> {
  Id: string;
  Type: T;
  Data: D;
}
/** A callback of a type this SDK knows, or any other (types added after it) with untyped `Data`. */
export type Callback =
  | CallbackOf<'FIAT_DEPOSIT_RECEIVED', FiatDepositReceived>
  | CallbackOf<'CRYPTO_DEPOSIT_CREATED' | 'CRYPTO_DEPOSIT_UPDATED' | 'CRYPTO_WITHDRAWAL_CREATED' | 'CRYPTO_WITHDRAWAL_UPDATED', CryptoTransfer>
  | CallbackOf<'TRANSACTION_STATUS_UPDATED', TransactionStatusUpdated>
  | CallbackOf<'MANAGEE_JUMIO_COMPLETED', ManageeJumioCompleted>
  | CallbackOf<'MANAGEE_KYC_UPDATED', ManageeKycUpdated>;

/** Amounts inside callbacks: parsed as decimal strings, never numbers. */
const CALLBACK_DECIMALS = new Set(['Data.Amount', 'Data.Amount.Amount', 'Data.NetworkFee.Amount']);

/** Parses a callback body exactly (amounts as decimal strings). Does not check signatures: see `constructWebhookEvent`. */
export function parseCallback(rawBody: string | Uint8Array): Callback {
  let parsed: unknown;
  try {
    parsed = parseExact(bodyText(rawBody), CALLBACK_DECIMALS);
  } catch {
    throw new IbaneraWebhookError('the callback body is not JSON');
  }
  const value = parsed as Partial<Callback> | null;
  if (value === null || typeof value !== 'object' || typeof value.Id !== 'string' || typeof value.Type !== 'string' || typeof value.Data !== 'object') {
    throw new IbaneraWebhookError('the callback body is not {Id, Type, Data}');
  }
  return value as Callback;
}

/** Verifies the signatures, then parses: what a webhook handler calls first (throws IbaneraWebhookError). */
export function constructWebhookEvent(rawBody: string | Uint8Array, headers: Headers, hashSecret: string, options: VerifyOptions = {}): Callback {
  const problem = webhookSignatureProblem(rawBody, headers, hashSecret, options);
  if (problem !== null) throw new IbaneraWebhookError(`callback refused: ${problem}`);
  return parseCallback(rawBody);
}
