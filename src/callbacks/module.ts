import { defineModule } from '../api-module.js';
import { callbacksMigrations } from './migrations/index.js';

/**
 * Signed callbacks: the outbox other modules write to in their own transactions, and the delivery
 * worker (started by `serve`). No routes: callbacks leave this server, they are not served.
 */
export const callbacksModule = defineModule({
  name: 'callbacks',
  tables: ['callbacks', 'callback_attempts'],
  migrations: callbacksMigrations,
});
