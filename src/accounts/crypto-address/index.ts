/**
 * Pure crypto-address helpers (no imports from the rest of src) so they can be
 * unit-tested against published vectors in isolation.
 */
export type { Chain, Network, AddressRejection, AddressValidation } from './types.js';
export { generateWatchOnlyXpub } from './hd-keys.js';
export { depositAddress, type DepositAddressInput } from './deposit-address.js';
export { validateAddress } from './validate-address.js';
export { toChecksumAddress } from './eip55.js';
