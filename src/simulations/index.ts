export { SimulationsService, type CryptoDepositInput, type PayInInput } from './simulations-service.js';
export type { PayInTransferType } from './pay-in-details.js';
