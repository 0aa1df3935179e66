export type { SimulationsServices } from './module.js';
export type { CryptoDepositBody, PayInBody } from './contract.js';
