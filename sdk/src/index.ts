import { IbaneraClient as BaseClient, type ClientOptions } from './client.js';
import {
  accountsOf,
  businessOf,
  cardPayeesOf,
  cardsOf,
  cryptoExchangesOf,
  fxOf,
  informationRequestsOf,
  manageesOf,
  payeesOf,
  simulationsOf,
  transfersOf,
  walletsOf,
} from './resources.js';

/** The client with named wrappers per module: `ibanera.accounts.balances()`, `ibanera.transfers.internalFiat(…)`. */
export class Ibanera extends BaseClient {
  readonly accounts = accountsOf(this);
  readonly transfers = transfersOf(this);
  readonly payees = payeesOf(this);
  readonly managees = manageesOf(this);
  readonly simulations = simulationsOf(this);
  readonly cryptoExchanges = cryptoExchangesOf(this);
  readonly fx = fxOf(this);
  readonly cards = cardsOf(this);
  readonly informationRequests = informationRequestsOf(this);
  readonly business = businessOf(this);
  readonly wallets = walletsOf(this);
  readonly cardPayees = cardPayeesOf(this);

  constructor(options: ClientOptions) {
    super(options);
  }
}

export { IbaneraClient, LOGIN_PATH, type Answer, type CallOptions, type ClientEvent, type ClientOptions, type PagedKey, type Session } from './client.js';
export type { Envelope } from './envelope.js';
export { formOf, type UploadFile } from './resources.js';
export { QuickbuyProClient, QuickbuyProError, type QuickbuyProCreated, type QuickbuyProOptions, type QuickbuyProOrder, type QuickbuyProState } from './quickbuy-pro.js';
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
