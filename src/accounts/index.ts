export { AccountsService, type AccountsSettings } from './accounts-service.js';
export { customersInScope, findCustomerInScope } from './customer-scope.js';
export { findAsset, loadAssets, type AssetRow } from './assets-repository.js';
export type { AccountRow } from './account-views.js';
export { checkAmount } from './amounts.js';
export { CryptoService, chainSystemAccount, DESTINATION_ADDRESS_LENGTH_MAX } from './crypto-service.js';
export { DepositAddresses } from './deposit-addresses.js';
export { TransactionsService, type TransactionFilter } from './transactions-service.js';
export { addBlockedAddress, ANY_ASSET, listBlockedAddresses, removeBlockedAddress } from './screening-repository.js';
