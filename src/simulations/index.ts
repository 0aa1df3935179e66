export { SimulationsService } from './simulations-service.js';
export type { CryptoDepositInput, PayInInput, PayInTransferType } from './simulation-inputs.js';
