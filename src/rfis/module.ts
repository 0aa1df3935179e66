import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import { rfisMigrations } from './migrations/index.js';
import { RfiSubmissions } from './rfi-submission.js';
import { rfiRoutes, rfiSimulationRoutes } from './routes.js';
import { RfisService } from './rfis-service.js';
import { rfiDocumentStore } from './rfi-documents.js';

export interface RfisServices {
  readonly rfis: RfisService;
  readonly rfiSubmissions: RfiSubmissions;
}

/**
 * Information requests (RFIs): opened for every item screening holds (a listener on the accounts
 * module's screening), answered by the customer, decided by compliance through the item kind's
 * registered handler (so an exchange plugs in by registering its kind).
 */
export const rfisModule = defineModule<RfisServices, AccountsServices>({
  name: 'rfis',
  tables: ['information_requests', 'information_request_questions'],
  migrations: (dialect) => rfisMigrations(dialect),
  services(ctx, deps) {
    const documents = rfiDocumentStore();
    const rfis = new RfisService(ctx.database, ctx.clock, deps.screening, documents, { expiryDays: ctx.config.rfiExpiryDays });
    deps.screening.onFlagged(async (tx, flag) => {
      await rfis.openForFlag(tx, flag);
    });
    const rfiSubmissions = new RfiSubmissions(ctx.database, ctx.clock, rfis, documents, {
      documentsMax: ctx.config.rfiDocumentsMax,
      documentSizeMaxBytes: ctx.config.documentSizeMaxBytes,
    });
    return { rfis, rfiSubmissions };
  },
  routes: (scope, services, ctx) => rfiRoutes(scope, services, ctx),
  sandboxRoutes: (scope, services) => rfiSimulationRoutes(scope, services),
});
