import type { AccountsServices } from '../accounts/index.js';
import { defineModule } from '../api-module.js';
import { simulationRoutes } from './routes.js';
import { SimulationsService } from './simulations-service.js';

export interface SimulationsServices {
  readonly simulations: SimulationsService;
}

/**
 * The Simulated Testing module's money drivers (sandbox only): pay-ins, crypto deposits, pending
 * transactions completing or failing. Other modules add their own simulations as sandbox routes.
 */
export const simulationsModule = defineModule<SimulationsServices, AccountsServices>({
  name: 'simulations',
  tables: [],
  services: (ctx, deps) => ({ simulations: new SimulationsService(ctx.database, ctx.clock, deps.accounts, deps.crypto, deps.screening) }),
  sandboxRoutes: (scope, services) => simulationRoutes(scope, services.simulations),
});
