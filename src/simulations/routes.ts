import { idempotentPost } from '../http/idempotency.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { ErrorEnvelope } from '../shared/contract-envelope.js';
import { CryptoDepositBody, EndedEnvelope, EndTransactionBody, NoDetailsEnvelope, PayInBody } from './contract.js';
import type { SimulationsService } from './simulations-service.js';

const TAGS = ['Simulated testing (sandbox only)'];

/** Registered only in sandbox mode; in production these paths do not exist (404). */
export function simulationRoutes(app: RouteScope, simulations: SimulationsService): void {
  idempotentPost(
    app,
    '/api/v1/customer/simulations/payins',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Simulate an incoming ACH, wire or SWIFT payment (Ibanera); `id` is the new transaction id (ours)',
        body: PayInBody,
        response: { 200: NoDetailsEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'none', id: 'result' },
    },
    (request, write) => simulations.payIn(request.principalCustomersId, request.body, write),
  );

  idempotentPost(
    app,
    '/api/v1/customer/simulations/crypto-deposits',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Simulate an on-chain deposit to the account (ours); pending until completed, completed at once unless bComplete is false',
        body: CryptoDepositBody,
        response: { 200: NoDetailsEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'none', id: 'result' },
    },
    (request, write) => simulations.cryptoDeposit(request.principalCustomersId, request.body, write),
  );

  for (const outcome of ['complete', 'fail'] as const) {
    idempotentPost(
      app,
      `/api/v1/customer/simulations/transactions/${outcome}`,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: outcome === 'complete' ? 'Complete a pending transaction (ours)' : 'Fail a pending transaction; outbound funds return by a rollback transaction (ours)',
          body: EndTransactionBody,
          response: { 200: EndedEnvelope, '4xx': ErrorEnvelope },
        }),
        envelope: { details: 'result', id: 'transactionsId' },
      },
      (request, write) => {
        const id = request.body.TransactionsId;
        return outcome === 'complete' ? simulations.complete(request.principalCustomersId, id, write) : simulations.fail(request.principalCustomersId, id, write);
      },
    );
  }
}
