export type { AccountsServices } from './module.js';
export { AccountsService, type AccountsSettings } from './accounts-service.js';
export { findAsset, loadAssets, type AssetRow } from './assets-repository.js';
export type { AccountRow } from './account-views.js';
export { checkAmount } from './amounts.js';
export { CryptoService } from './crypto-service.js';
export { DESTINATION_ADDRESS_LENGTH_MAX } from './contract.js';
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
  setTransactionDetails,
  type Leg,
  type NewTransaction,
  type TransactionLinks,
  type TransactionRow,
} from './transaction-rows.js';
export { verifyBooks, verifyTransactionRows } from './verify-transaction-rows.js';
export { dateRange } from './date-filter.js';
