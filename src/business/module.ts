import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import type { CustomersServices } from '../customers/index.js';
import { BusinessService } from './business-service.js';
import { KybService } from './kyb-service.js';
import { businessMigrations } from './migrations/index.js';
import { businessRoutes } from './routes.js';

export interface BusinessServices {
  readonly business: BusinessService;
  readonly kyb: KybService;
}

/** Business onboarding: businesses as managees of the principal, with their KYB (documents, submission, decision). */
export const businessModule = defineModule<BusinessServices, AccountsServices & CustomersServices>({
  name: 'business',
  tables: ['businesses'],
  migrations: businessMigrations,
  services: (ctx, deps) => {
    const settings = { businessesPerPrincipalMax: ctx.config.businessesPerPrincipalMax, businessDocumentsMax: ctx.config.businessDocumentsMax };
    return { business: new BusinessService(ctx.database, ctx.clock, settings), kyb: new KybService(ctx.database, ctx.clock, deps.managees, settings) };
  },
  routes: (scope, services) => businessRoutes(scope, services.business, services.kyb),
});
