export type { AccountsServices } from './module.js';
export { AccountsService, type AccountsSettings } from './accounts-service.js';
export { findAsset, loadAssets, type AssetRow } from './assets-repository.js';
export type { AccountRow } from './account-views.js';
export { checkAmount } from './amounts.js';
export { CryptoService, type WithdrawOptions } from './crypto-service.js';
export { DESTINATION_ADDRESS_LENGTH_MAX, type WithdrawalResult } from './contract.js';
export { DepositAddresses } from './deposit-addresses.js';
export { TransactionsService, type TransactionFilter } from './transactions-service.js';
export { addBlockedAddress, ANY_ASSET, listBlockedAddresses, removeBlockedAddress } from './screening-repository.js';
export { openAccount } from './open-account.js';
export { endPendingTransaction, type Outcome } from './settlement.js';
export { isCancellable, isEligibleForReversal } from './transaction-views.js';
export {
  claimForReversal,
  completeTransaction,
  failTransaction,
  linkLegs,
  linkTransaction,
  readTransaction,
  recordTransaction,
  recordTransactions,
  recordPostedPairsEach,
  setTransactionDetails,
  type Leg,
  type NewTransaction,
  type PostedPair,
  type TransactionLinks,
  type TransactionRow,
} from './transaction-rows.js';
export { readTransferParties, type PartyAccount, type TransferParties } from './transfer-parties.js';
export { verifyBooks, verifyTransactionRows } from './verify-transaction-rows.js';
export {
  ScreeningService,
  isUnderReview,
  type FlaggedItem,
  type FlaggedItemHandler,
  type FlaggedItemSummary,
  type FlagListener,
  type ReviewDecision,
  type ScreeningFlagRow,
} from './screening-service.js';
export {
  addScreeningRule,
  canonicalValue,
  listScreeningRules,
  removeScreeningRule,
  SCREENING_RULE_VALUE_LENGTH_MAX,
  type CounterpartyType,
  type NewScreeningRule,
  type RuleDirection,
  type ScreeningOutcome,
  type ScreeningRuleRow,
} from './screening-rules.js';
export { TRANSACTION_ITEM_KIND } from './flagged-transactions.js';
export { WithdrawBody as WithdrawBodySchema } from './contract.js';
export type { WithdrawBody } from './contract.js';
export { CreateAccountBody as CreateAccountBodySchema, type CreateAccountBody } from './contract.js';
export { dateRange } from './date-filter.js';
