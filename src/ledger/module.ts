import { defineModule } from '../api-module.js';

/** The double-entry ledger: not an API module, but it owns its tables like one. */
export const ledgerModule = defineModule({
  name: 'ledger',
  tables: ['postings', 'ledger_entries'],
});
