export { CardVault } from './card-vault.js';
export type { VaultServices } from './module.js';
