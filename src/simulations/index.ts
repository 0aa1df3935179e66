export type { SimulationsServices } from './module.js';
export type { CryptoDepositBody, PayInBody } from './contract.js';
export { CryptoDepositBody as CryptoDepositBodySchema, PayInBody as PayInBodySchema } from './contract.js';
