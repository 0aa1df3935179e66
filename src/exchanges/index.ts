export type { ExchangesServices } from './module.js';
export { ExchangesService, type ExchangeScreen, type ExchangesSettings } from './exchanges-service.js';
export { EXCHANGE_STATUSES, type ExchangeStatus, type ExchangeView } from './contract.js';
export { listWaitingForApproval, type ExchangeRow } from './exchanges-repository.js';
export { BuyBody, ExchangeIdBody, QuoteBody, SellBody } from './contract.js';
