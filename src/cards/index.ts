export type { CardsServices } from './module.js';
export { cardLedgerId } from './cards-repository.js';
export { onCardHoldExpired } from './card-authorizations-service.js';
export { SANDBOX_TEST_BIN, type CardNetwork, type IssuedCredentials } from './card-network.js';
export { operatorCardAction, type OperatorCardAction } from './cards-service.js';
export { TransferFundsBody } from './contract.js';
