/**
 * The server's configuration: read from the environment once, validated, frozen.
 * Only this module and main.ts read `process.env`; everything else receives a Config.
 */
export type Mode = 'sandbox' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `sqlite:PATH` or `postgres://…`; see `databaseTarget` for the parsed form. */
  readonly databaseUrl: string;
  readonly mode: Mode;
  readonly logLevel: LogLevel;
  /** Optional HS256 signing key; when absent a key is made on first start and kept in the database. */
  readonly jwtSecret: string | null;
  readonly tokenLifetimeSeconds: number;
  readonly bodySizeMaxBytes: number;
  readonly bodyDepthMax: number;
  readonly pageSizeMax: number;
  readonly loginFailuresMax: number;
  readonly lockoutDurationSeconds: number;
  readonly otpDriftSteps: number;
  readonly accountsPerCustomerMax: number;
  readonly shutdownTimeoutMs: number;
  /** Most internal transfers folded into one database transaction (1: each in its own). */
  readonly transferBatchSizeMax: number;
  /** Most such batches running at once on PostgreSQL (SQLite runs one at a time). */
  readonly transferBatchesInFlightMax: number;
  /** HTTP processes `serve` runs on the one port (node:cluster); 1: the server is one process. */
  readonly workers: number;
  readonly demoPrincipal: boolean;
  /** Watch-only extended public keys for deposit addresses; made on first use in sandbox when absent. */
  readonly cryptoXpubBitcoin: string | null;
  readonly cryptoXpubEthereum: string | null;
  readonly callbackTimeoutMs: number;
  readonly callbackRetryInitialMs: number;
  readonly callbackRetryWindowMs: number;
  readonly callbackPollIntervalMs: number;
  readonly callbackBatchSize: number;
  /** log2 of scrypt's N for new password hashes (existing hashes keep their own). */
  readonly passwordHashCost: number;
  /** How often `serve` releases holds whose deadline has passed. */
  readonly holdExpiryIntervalMs: number;
  readonly documentSizeMaxBytes: number;
  /** Base URL of this server as clients reach it (for links it hands out); empty: http://HOST:PORT. */
  readonly publicBaseUrl: string;
  /** The bank directory for lookupbankdetails; null: the bundled sample. */
  readonly bankDirectoryPath: string | null;
  readonly loginRatePerMinute: number;
  /** How long an idempotency key's answer is kept and replayed; an older key counts as new. */
  readonly idempotencyKeyTtlHours: number;
  readonly idempotencyCleanupIntervalMs: number;
  readonly idempotencyCleanupBatchSize: number;
  /** An information request's expiryDate is its addDate plus this many days. */
  readonly rfiExpiryDays: number;
  /** Documents one information request may hold (all submissions together). */
  readonly rfiDocumentsMax: number;
  /** How often `serve` expires information requests past their expiryDate. */
  readonly rfiExpiryIntervalMs: number;
  /** Saved crypto wallets one customer may keep. */
  readonly walletsPerCustomerMax: number;
  /** Visa Direct card payees one customer may keep. */
  readonly cardPayeesPerCustomerMax: number;
  /** Businesses one principal may onboard through the API (more: `Forbidden`). */
  readonly businessesPerPrincipalMax: number;
  /** Live documents one business may hold. */
  readonly businessDocumentsMax: number;
  /** The most one ACH pull may draw, in whole USD. */
  readonly achPullAmountMaxUsd: number;
  /** How long a card authorization's hold lasts before the expiry sweep releases it. */
  readonly cardAuthorizationTtlHours: number;
  /** Wrong old PINs in a row after which a card's PIN is locked. */
  readonly cardPinFailuresMax: number;
  /** Fee of a card transfer (top-up, withdrawal, card to card), in US cents, taken out of the amount. */
  readonly cardTransferFeeCents: number;
  /** Fee create-with-dda takes from the DDA, in US cents. */
  readonly cardDdaIssueFeeCents: number;
  /** The most one card authorization may reserve, in US cents. */
  readonly cardAuthorizationLimitCents: number;
  readonly cardsPerCustomerMax: number;
  /** The portal: a session ends after this long without a request, and this long after sign-in whatever happens. */
  readonly portalSessionIdleMinutes: number;
  readonly portalSessionMaxHours: number;
  /** The portal: rows at most in one CSV export, points at most in one balance chart. */
  readonly portalCsvRowsMax: number;
  readonly portalChartPointsMax: number;
  /** A price older than this stops its pair trading (Price_Unavailable); 0: prices never go stale. */
  readonly priceStaleAfterSeconds: number;
  /** How long a crypto exchange quote (a waiting sell's, or a reviewed one) can be confirmed. */
  readonly exchangeQuoteTtlSeconds: number;
  /** How long an FX quote can be executed. */
  readonly fxQuoteTtlSeconds: number;
  /** Per quote asset: a crypto trade worth more than this (in that asset) waits for the operator. */
  readonly exchangeApprovalAbove: Readonly<Record<string, string>>;
  /** A whole multipart/form-data body (files and fields). */
  readonly multipartBodySizeMaxBytes: number;
  /** Files in one multipart body. */
  readonly multipartFilesMax: number;
  /** Text fields in one multipart body. */
  readonly multipartFieldsMax: number;
  /** One text field's value in a multipart body. */
  readonly multipartFieldSizeMaxBytes: number;
  /** AES-256 key for card data at rest (base64 of 32 bytes); null: made and kept in the database (sandbox only). */
  readonly cardDataKey: string | null;
  /** QuickBuy: from the card payment to the CAPTURED state and callback. */
  readonly quickbuyCaptureDelaySeconds: number;
  /** QuickBuy: from CAPTURED to the crypto delivered (COMPLETE, the COMPLETED callback). */
  readonly quickbuyTransferDelaySeconds: number;
  /** The crypto asset QuickBuy Pro and widget payments buy with their USD (its `<ASSET>/USD` pair must trade). */
  readonly quickbuyProAsset: string;
  /** How long a widget signature token is accepted after its timestamp. */
  readonly quickbuyWidgetTokenTtlSeconds: number;
  readonly quickbuyKeysPerPrincipalMax: number;
  readonly quickbuyCardsPerCustomerMax: number;
  /** Card submissions one order (or one widget form) accepts before it refuses more. */
  readonly quickbuyCardAttemptsMax: number;
  /** How often `serve` moves QuickBuy orders on (capture, delivery). */
  readonly quickbuyWorkerIntervalMs: number;
  /** The payment page's form body (application/x-www-form-urlencoded). */
  readonly quickbuyFormBodySizeMaxBytes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** More HTTP processes than this buys nothing on any machine this server targets, only connections. */
export const WORKERS_MAX = 64;
/** The largest TRANSFER_BATCH_SIZE_MAX accepted: a batch's statements stay far below the databases' parameter limits. */
export const TRANSFER_BATCH_SIZE_LIMIT = 200;
const DEFAULT_DATABASE_URL = 'sqlite:./data/ibanera.sqlite';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Every variable we read, with its default, for the README table and for error messages. */
export const CONFIG_VARIABLES = {
  PORT: '8080',
  HOST: '127.0.0.1',
  DATABASE_URL: DEFAULT_DATABASE_URL,
  MODE: 'sandbox',
  LOG_LEVEL: 'info',
  JWT_SECRET: '',
  TOKEN_LIFETIME_SECONDS: '3600',
  BODY_SIZE_MAX_BYTES: '1048576',
  BODY_DEPTH_MAX: '32',
  PAGE_SIZE_MAX: '1000',
  LOGIN_FAILURES_MAX: '10',
  LOCKOUT_DURATION_SECONDS: '600',
  OTP_DRIFT_STEPS: '1',
  ACCOUNTS_PER_CUSTOMER_MAX: '50',
  SHUTDOWN_TIMEOUT_MS: '10000',
  TRANSFER_BATCH_SIZE_MAX: '64',
  TRANSFER_BATCHES_IN_FLIGHT_MAX: '1',
  WORKERS: '1',
  DEMO_PRINCIPAL: 'true',
  CRYPTO_XPUB_BITCOIN: '',
  CRYPTO_XPUB_ETHEREUM: '',
  CALLBACK_TIMEOUT_MS: '10000',
  CALLBACK_RETRY_INITIAL_MS: '5000',
  CALLBACK_RETRY_WINDOW_MS: '7200000',
  CALLBACK_POLL_INTERVAL_MS: '500',
  CALLBACK_BATCH_SIZE: '10',
  PASSWORD_HASH_COST: '15',
  HOLD_EXPIRY_INTERVAL_MS: '5000',
  DOCUMENT_SIZE_MAX_BYTES: '5242880',
  PUBLIC_BASE_URL: '',
  BANK_DIRECTORY_PATH: '',
  LOGIN_RATE_PER_MINUTE: '60',
  IDEMPOTENCY_KEY_TTL_HOURS: '48',
  IDEMPOTENCY_CLEANUP_INTERVAL_MS: '600000',
  IDEMPOTENCY_CLEANUP_BATCH_SIZE: '1000',
  RFI_EXPIRY_DAYS: '7',
  RFI_DOCUMENTS_MAX: '10',
  RFI_EXPIRY_INTERVAL_MS: '60000',
  WALLETS_PER_CUSTOMER_MAX: '100',
  CARD_PAYEES_PER_CUSTOMER_MAX: '50',
  BUSINESSES_PER_PRINCIPAL_MAX: '1000',
  BUSINESS_DOCUMENTS_MAX: '30',
  ACH_PULL_AMOUNT_MAX_USD: '25000',
  CARD_AUTHORIZATION_TTL_HOURS: '168',
  CARD_PIN_FAILURES_MAX: '3',
  CARD_TRANSFER_FEE_CENTS: '0',
  CARD_DDA_ISSUE_FEE_CENTS: '500',
  CARD_AUTHORIZATION_LIMIT_CENTS: '1000000',
  CARDS_PER_CUSTOMER_MAX: '10',
  PORTAL_SESSION_IDLE_MINUTES: '30',
  PORTAL_SESSION_MAX_HOURS: '12',
  PORTAL_CSV_ROWS_MAX: '100000',
  PORTAL_CHART_POINTS_MAX: '500',
  PRICE_STALE_AFTER_SECONDS: '',
  EXCHANGE_QUOTE_TTL_SECONDS: '60',
  FX_QUOTE_TTL_SECONDS: '60',
  EXCHANGE_APPROVAL_ABOVE: 'USD=250000,EUR=250000,BTC=5',
  MULTIPART_BODY_SIZE_MAX_BYTES: '26214400',
  MULTIPART_FILES_MAX: '10',
  MULTIPART_FIELDS_MAX: '100',
  MULTIPART_FIELD_SIZE_MAX_BYTES: '65536',
  CARD_DATA_KEY: '',
  QUICKBUY_CAPTURE_DELAY_SECONDS: '3',
  QUICKBUY_TRANSFER_DELAY_SECONDS: '6',
  QUICKBUY_PRO_ASSET: 'USDC',
  QUICKBUY_WIDGET_TOKEN_TTL_SECONDS: '300',
  QUICKBUY_KEYS_PER_PRINCIPAL_MAX: '10',
  QUICKBUY_CARDS_PER_CUSTOMER_MAX: '10',
  QUICKBUY_CARD_ATTEMPTS_MAX: '5',
  QUICKBUY_WORKER_INTERVAL_MS: '1000',
  QUICKBUY_FORM_BODY_SIZE_MAX_BYTES: '8192',
} as const;

type Variable = keyof typeof CONFIG_VARIABLES;

function raw(env: Env, name: Variable): string {
  const value = env[name];
  return value === undefined || value === '' ? CONFIG_VARIABLES[name] : value;
}

function integer(env: Env, name: Variable, min: number, max: number): number {
  const text = raw(env, name);
  if (!/^\d+$/.test(text)) throw new ConfigError(name, `must be a whole number, got "${text}"`);
  const value = Number(text);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: Variable, allowed: readonly T[]): T {
  const text = raw(env, name);
  const found = allowed.find((a) => a === text);
  if (found === undefined) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${text}"`);
  return found;
}

function boolean(env: Env, name: Variable): boolean {
  const text = raw(env, name).toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${text}"`);
}

function databaseUrl(env: Env): string {
  const text = raw(env, 'DATABASE_URL');
  if (/^sqlite:.+/.test(text) || /^postgres(ql)?:\/\/.+/.test(text)) return text;
  throw new ConfigError('DATABASE_URL', `must be sqlite:PATH or postgres://…, got "${text}"`);
}

function jwtSecret(env: Env): string | null {
  const text = env.JWT_SECRET ?? '';
  if (text === '') return null;
  if (text.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  return text;
}

function optionalText(env: Env, name: Variable): string | null {
  const text = env[name] ?? '';
  return text === '' ? null : text;
}

function publicBaseUrl(env: Env): string {
  const text = (env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
  if (text === '') return `http://${raw(env, 'HOST') === '0.0.0.0' ? 'localhost' : raw(env, 'HOST')}:${raw(env, 'PORT')}`;
  if (!/^https?:\/\/[^\s/]+/.test(text)) throw new ConfigError('PUBLIC_BASE_URL', `must be an http(s) URL, got "${text}"`);
  return text;
}

/** Empty: 0 (never stale) in sandbox, where seeded prices must keep trading; 900 in production. */
function priceStaleAfterSeconds(env: Env): number {
  if ((env.PRICE_STALE_AFTER_SECONDS ?? '') === '') return raw(env, 'MODE') === 'production' ? 900 : 0;
  return integer(env, 'PRICE_STALE_AFTER_SECONDS', 0, 30 * 86_400);
}

/** `ASSET=AMOUNT,…` (e.g. `USD=250000,BTC=5`); `none`: no trade waits for approval. */
function approvalThresholds(env: Env): Readonly<Record<string, string>> {
  const text = raw(env, 'EXCHANGE_APPROVAL_ABOVE');
  const out: Record<string, string> = {};
  if (text.trim().toLowerCase() === 'none') return Object.freeze(out);
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = /^([A-Za-z0-9]{1,20})=(\d{1,20}(?:\.\d{1,18})?)$/.exec(part);
    if (match === null) throw new ConfigError('EXCHANGE_APPROVAL_ABOVE', `must be ASSET=AMOUNT pairs separated by commas, got "${part}"`);
    out[(match[1] as string).toUpperCase()] = match[2] as string;
  }
  return Object.freeze(out);
}

function cardDataKey(env: Env, mode: Mode): string | null {
  const text = env.CARD_DATA_KEY ?? '';
  if (text === '') {
    if (mode === 'production') throw new ConfigError('CARD_DATA_KEY', 'is required in production (base64 of 32 random bytes: openssl rand -base64 32)');
    return null;
  }
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text) || Buffer.from(text, 'base64').length !== 32) {
    throw new ConfigError('CARD_DATA_KEY', 'must be the base64 of exactly 32 bytes (openssl rand -base64 32)');
  }
  return text;
}

function assetCode(env: Env, name: Variable): string {
  const text = raw(env, name).toUpperCase();
  if (!/^[A-Z0-9]{1,20}$/.test(text)) throw new ConfigError(name, `must be an asset code, got "${text}"`);
  return text;
}

export function loadConfig(env: Env): Config {
  const mode = oneOf<Mode>(env, 'MODE', ['sandbox', 'production']);
  return Object.freeze({
    port: integer(env, 'PORT', 0, 65535),
    host: raw(env, 'HOST'),
    databaseUrl: databaseUrl(env),
    mode,
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', LOG_LEVELS),
    jwtSecret: jwtSecret(env),
    tokenLifetimeSeconds: integer(env, 'TOKEN_LIFETIME_SECONDS', 60, 86_400),
    bodySizeMaxBytes: integer(env, 'BODY_SIZE_MAX_BYTES', 1024, 50 * 1024 * 1024),
    bodyDepthMax: integer(env, 'BODY_DEPTH_MAX', 2, 256),
    pageSizeMax: integer(env, 'PAGE_SIZE_MAX', 1, 10_000),
    loginFailuresMax: integer(env, 'LOGIN_FAILURES_MAX', 1, 1000),
    lockoutDurationSeconds: integer(env, 'LOCKOUT_DURATION_SECONDS', 1, 86_400 * 30),
    otpDriftSteps: integer(env, 'OTP_DRIFT_STEPS', 0, 10),
    accountsPerCustomerMax: integer(env, 'ACCOUNTS_PER_CUSTOMER_MAX', 1, 100_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 100, 600_000),
    // A batch's statements carry about 50 parameters per transfer; SQLite takes at most 32,766 in one.
    transferBatchSizeMax: integer(env, 'TRANSFER_BATCH_SIZE_MAX', 1, TRANSFER_BATCH_SIZE_LIMIT),
    transferBatchesInFlightMax: integer(env, 'TRANSFER_BATCHES_IN_FLIGHT_MAX', 1, 10),
    workers: integer(env, 'WORKERS', 1, WORKERS_MAX),
    demoPrincipal: boolean(env, 'DEMO_PRINCIPAL'),
    cryptoXpubBitcoin: optionalText(env, 'CRYPTO_XPUB_BITCOIN'),
    cryptoXpubEthereum: optionalText(env, 'CRYPTO_XPUB_ETHEREUM'),
    callbackTimeoutMs: integer(env, 'CALLBACK_TIMEOUT_MS', 100, 120_000),
    callbackRetryInitialMs: integer(env, 'CALLBACK_RETRY_INITIAL_MS', 10, 3_600_000),
    callbackRetryWindowMs: integer(env, 'CALLBACK_RETRY_WINDOW_MS', 0, 7 * 86_400_000),
    callbackPollIntervalMs: integer(env, 'CALLBACK_POLL_INTERVAL_MS', 10, 60_000),
    callbackBatchSize: integer(env, 'CALLBACK_BATCH_SIZE', 1, 100),
    passwordHashCost: integer(env, 'PASSWORD_HASH_COST', 10, 20),
    holdExpiryIntervalMs: integer(env, 'HOLD_EXPIRY_INTERVAL_MS', 10, 3_600_000),
    documentSizeMaxBytes: integer(env, 'DOCUMENT_SIZE_MAX_BYTES', 1024, 20 * 1024 * 1024),
    publicBaseUrl: publicBaseUrl(env),
    bankDirectoryPath: optionalText(env, 'BANK_DIRECTORY_PATH'),
    loginRatePerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 1, 1_000_000),
    // At least the 24 hours clients are promised, at most a year.
    idempotencyKeyTtlHours: integer(env, 'IDEMPOTENCY_KEY_TTL_HOURS', 24, 8760),
    idempotencyCleanupIntervalMs: integer(env, 'IDEMPOTENCY_CLEANUP_INTERVAL_MS', 1000, 86_400_000),
    idempotencyCleanupBatchSize: integer(env, 'IDEMPOTENCY_CLEANUP_BATCH_SIZE', 1, 100_000),
    rfiExpiryDays: integer(env, 'RFI_EXPIRY_DAYS', 1, 365),
    rfiDocumentsMax: integer(env, 'RFI_DOCUMENTS_MAX', 1, 100),
    rfiExpiryIntervalMs: integer(env, 'RFI_EXPIRY_INTERVAL_MS', 10, 86_400_000),
    walletsPerCustomerMax: integer(env, 'WALLETS_PER_CUSTOMER_MAX', 1, 100_000),
    cardPayeesPerCustomerMax: integer(env, 'CARD_PAYEES_PER_CUSTOMER_MAX', 1, 100_000),
    businessesPerPrincipalMax: integer(env, 'BUSINESSES_PER_PRINCIPAL_MAX', 1, 1_000_000),
    businessDocumentsMax: integer(env, 'BUSINESS_DOCUMENTS_MAX', 1, 1000),
    achPullAmountMaxUsd: integer(env, 'ACH_PULL_AMOUNT_MAX_USD', 1, 1_000_000_000),
    cardAuthorizationTtlHours: integer(env, 'CARD_AUTHORIZATION_TTL_HOURS', 1, 8760),
    cardPinFailuresMax: integer(env, 'CARD_PIN_FAILURES_MAX', 1, 100),
    cardTransferFeeCents: integer(env, 'CARD_TRANSFER_FEE_CENTS', 0, 100_000_000),
    cardDdaIssueFeeCents: integer(env, 'CARD_DDA_ISSUE_FEE_CENTS', 0, 100_000_000),
    cardAuthorizationLimitCents: integer(env, 'CARD_AUTHORIZATION_LIMIT_CENTS', 1, 1_000_000_000),
    cardsPerCustomerMax: integer(env, 'CARDS_PER_CUSTOMER_MAX', 1, 10_000),
    portalSessionIdleMinutes: integer(env, 'PORTAL_SESSION_IDLE_MINUTES', 1, 1440),
    portalSessionMaxHours: integer(env, 'PORTAL_SESSION_MAX_HOURS', 1, 720),
    portalCsvRowsMax: integer(env, 'PORTAL_CSV_ROWS_MAX', 1, 1_000_000),
    portalChartPointsMax: integer(env, 'PORTAL_CHART_POINTS_MAX', 2, 10_000),
    priceStaleAfterSeconds: priceStaleAfterSeconds(env),
    exchangeQuoteTtlSeconds: integer(env, 'EXCHANGE_QUOTE_TTL_SECONDS', 5, 86_400),
    fxQuoteTtlSeconds: integer(env, 'FX_QUOTE_TTL_SECONDS', 5, 86_400),
    exchangeApprovalAbove: approvalThresholds(env),
    multipartBodySizeMaxBytes: integer(env, 'MULTIPART_BODY_SIZE_MAX_BYTES', 1024, 200 * 1024 * 1024),
    multipartFilesMax: integer(env, 'MULTIPART_FILES_MAX', 1, 100),
    multipartFieldsMax: integer(env, 'MULTIPART_FIELDS_MAX', 1, 1000),
    multipartFieldSizeMaxBytes: integer(env, 'MULTIPART_FIELD_SIZE_MAX_BYTES', 64, 1024 * 1024),
    cardDataKey: cardDataKey(env, mode),
    quickbuyCaptureDelaySeconds: integer(env, 'QUICKBUY_CAPTURE_DELAY_SECONDS', 0, 86_400),
    quickbuyTransferDelaySeconds: integer(env, 'QUICKBUY_TRANSFER_DELAY_SECONDS', 0, 86_400),
    quickbuyProAsset: assetCode(env, 'QUICKBUY_PRO_ASSET'),
    quickbuyWidgetTokenTtlSeconds: integer(env, 'QUICKBUY_WIDGET_TOKEN_TTL_SECONDS', 10, 3600),
    quickbuyKeysPerPrincipalMax: integer(env, 'QUICKBUY_KEYS_PER_PRINCIPAL_MAX', 1, 1000),
    quickbuyCardsPerCustomerMax: integer(env, 'QUICKBUY_CARDS_PER_CUSTOMER_MAX', 1, 1000),
    quickbuyCardAttemptsMax: integer(env, 'QUICKBUY_CARD_ATTEMPTS_MAX', 1, 100),
    quickbuyWorkerIntervalMs: integer(env, 'QUICKBUY_WORKER_INTERVAL_MS', 10, 3_600_000),
    quickbuyFormBodySizeMaxBytes: integer(env, 'QUICKBUY_FORM_BODY_SIZE_MAX_BYTES', 1024, 65_536),
  });
}
