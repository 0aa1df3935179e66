import { IbaneraClient as BaseClient, type ClientOptions } from './client.js';
import { accountsOf, manageesOf, payeesOf, simulationsOf, transfersOf } from './resources.js';

/** The client with named wrappers per module: `ibanera.accounts.balances()`, `ibanera.transfers.internalFiat(…)`. */
export class Ibanera extends BaseClient {
  readonly accounts = accountsOf(this);
  readonly transfers = transfersOf(this);
  readonly payees = payeesOf(this);
  readonly managees = manageesOf(this);
  readonly simulations = simulationsOf(this);

  constructor(options: ClientOptions) {
    super(options);
  }
}

export { IbaneraClient, LOGIN_PATH, type Answer, type CallOptions, type ClientEvent, type ClientOptions, type PagedKey, type Session } from './client.js';
export type { Envelope } from './envelope.js';
export { IbaneraApiError, IbaneraConnectionError, IbaneraError, IbaneraProtocolError, type ApiErrorItem } from './errors.js';
export { fromUnits, toUnits, type Decimal, type DecimalInput } from './decimal.js';
export { isDecimalText, parseExact, stringifyExact } from './exact-json.js';
export { OPERATIONS, type OperationMeta, type Operations } from './generated/operations.js';
export { base32Decode, totpCode, totpCodeAtStep, totpStep, TOTP_STEP_MS } from './totp.js';
export {
  constructWebhookEvent,
  IbaneraWebhookError,
  parseCallback,
  verifyQuickbuySignature,
  verifyWebhookSignature,
  webhookSignatureProblem,
  type Callback,
  type CryptoTransfer,
  type FiatDepositReceived,
  type ManageeJumioCompleted,
  type ManageeKycUpdated,
  type TransactionStatusUpdated,
  type VerifyOptions,
} from './webhooks.js';
