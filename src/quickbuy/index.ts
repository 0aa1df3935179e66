export type { QuickBuyServices } from './module.js';
export { QuickBuySettlement } from './settlement.js';
export { QuickBuyKeysService } from './keys-service.js';
export { TEST_CARDS } from './card-rules.js';
export { QUICKBUY_SIGNATURE_HEADER, QUICKBUY_SECRET_SOURCE as KEYS_SECRET_SOURCE } from './quickbuy-callbacks.js';
