export type { WalletsServices } from './module.js';
export { WalletsService, type WalletsSettings } from './wallets-service.js';
