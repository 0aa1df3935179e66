import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import { ManageesService } from './managees-service.js';
import { identityVerificationPage, manageeRoutes, manageeSimulationRoutes } from './routes.js';

export interface CustomersServices {
  readonly managees: ManageesService;
}

/** Customers (principals and managees), the KYC lifecycle and who may reach which customer. */
export const customersModule = defineModule<CustomersServices, AccountsServices>({
  name: 'customers',
  tables: ['customers', 'managees', 'customer_documents'],
  services: (ctx, deps) => ({
    managees: new ManageesService(ctx.database, ctx.clock, {
      documentSizeMaxBytes: ctx.config.documentSizeMaxBytes,
      verificationLinkBase: ctx.config.mode === 'sandbox' ? ctx.config.publicBaseUrl : null,
      openAccountsOnAcceptance: (tx, managerId, manageesId, dateAdded) => deps.accounts.openAccountsLikeManager(tx, managerId, manageesId, dateAdded),
    }),
  }),
  routes: (scope, services, ctx) => manageeRoutes(scope, services.managees, ctx),
  sandboxRoutes: (scope, services) => manageeSimulationRoutes(scope, services.managees),
  sandboxPages: (scope, services) => identityVerificationPage(scope, services.managees),
});
