import { idempotentPost } from '../http/idempotency.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope } from '../shared/contract-envelope.js';
import { SimulatePriceBody, SimulatedPrice } from './contract.js';
import type { MarketsService } from './markets-service.js';

/** Sandbox only: move a pair's price (ours). */
export function marketsSandboxRoutes(app: RouteScope, markets: MarketsService): void {
  idempotentPost(
    app,
    '/api/v1/customer/simulations/prices',
    {
      schema: protectedRoute({
        tags: ['Simulated testing (sandbox only)'],
        summary: "Set a pair's price (ours); exchanges and FX quote from it at once",
        body: SimulatePriceBody,
        response: { 200: envelopeOf(SimulatedPrice), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result' },
    },
    (request) => markets.simulatePrice(request.body),
  );
}
