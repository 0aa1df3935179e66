export type { FxServices } from './module.js';
export { FxService, type FxSettings } from './fx-service.js';
export { ExecuteBody, FxQuoteBody } from './contract.js';
