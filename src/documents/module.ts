import { defineModule } from '../api-module.js';
import { documentsMigrations } from './migrations/index.js';

/**
 * Uploaded documents for every module that takes files (cards, information requests, business
 * onboarding, QuickBuy): content in the database with its size, sniffed type and SHA-256. No routes:
 * each module's upload route reads the multipart body (http/multipart.ts) and calls `storeDocument`.
 */
export const documentsModule = defineModule({
  name: 'documents',
  tables: ['documents'],
  migrations: documentsMigrations,
});
