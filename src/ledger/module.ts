import { defineModule } from '../api-module.js';
import { ledgerMigrations } from './migrations/index.js';

/** The double-entry ledger: not an API module, but it owns its tables like one. */
export const ledgerModule = defineModule({
  name: 'ledger',
  tables: ['ledger_journals', 'ledger_legs', 'ledger_balances', 'ledger_holds'],
  migrations: ledgerMigrations,
});
