export { AccountsService, type AccountsSettings } from './accounts-service.js';
export { customersInScope, findCustomerInScope } from './customer-scope.js';
export { findAsset, loadAssets, type AssetRow } from './assets-repository.js';
export type { AccountRow } from './account-views.js';
