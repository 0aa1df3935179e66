import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { Clock } from '../../../shared/clock.js';
import type { PayInTransferType, SimulationsService } from '../../../simulations/index.js';
import { success, successWithoutDetails } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { envelopeOf, ErrorEnvelope, protectedRoute } from '../../route-schema.js';
import { AmountField, BooleanField, EnumField, IdField, Nullable, StringField } from '../../schema-types.js';

export interface SimulationRouteDeps {
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly simulations: SimulationsService;
}

const TAGS = ['Simulated testing (sandbox only)'];
const NoDetailsEnvelope = Type.Object({ id: Type.Integer(), status: Type.String(), errors: Type.Array(Type.Unknown()) });
const EndedEnvelope = envelopeOf(Type.Object({ transactionsId: Type.Integer(), rollbackTransactionId: Nullable(Type.Integer()) }));
export const SIMULATION_TEXT_LENGTH_MAX = 100;

/** Registered only in sandbox mode; in production these paths do not exist (404). */
export function simulationRoutes(app: FastifyInstance, deps: SimulationRouteDeps): void {
  const run = deps.simulations;
  app.post<{ Body: { DestinationAccountId: number; TransferType: PayInTransferType; Amount: bigint; Name?: string; Reference?: string } }>(
    '/api/v1/customer/simulations/payins',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Simulate an incoming ACH, wire or SWIFT payment (Ibanera); `id` is the new transaction id (ours)',
        body: Type.Object({
          DestinationAccountId: IdField(),
          TransferType: EnumField(['ACH', 'WIRE', 'SWIFT'] as const, { description: 'ACH or WIRE for US domestic accounts, SWIFT for international ones.' }),
          Amount: AmountField(),
          Name: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })),
          Reference: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })),
        }),
        response: { 200: NoDetailsEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) => {
      const b = request.body;
      const input = {
        destinationAccountId: b.DestinationAccountId,
        transferType: b.TransferType,
        amount: b.Amount,
        ...(b.Name === undefined ? {} : { name: b.Name }),
        ...(b.Reference === undefined ? {} : { reference: b.Reference }),
      };
      return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => run.payIn(request.principalCustomersId, input, ctx), (id) => successWithoutDetails(id));
    },
  );

  app.post<{ Body: { DestinationAccountId: number; Amount: bigint; SourceAddress?: string; bComplete?: boolean } }>(
    '/api/v1/customer/simulations/crypto-deposits',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Simulate an on-chain deposit to the account (ours); pending until completed, completed at once unless bComplete is false',
        body: Type.Object({
          DestinationAccountId: IdField(),
          Amount: AmountField(),
          SourceAddress: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })),
          bComplete: Type.Optional(BooleanField()),
        }),
        response: { 200: NoDetailsEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) => {
      const b = request.body;
      const input = { destinationAccountId: b.DestinationAccountId, amount: b.Amount, complete: b.bComplete ?? true, ...(b.SourceAddress === undefined ? {} : { sourceAddress: b.SourceAddress }) };
      return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => run.cryptoDeposit(request.principalCustomersId, input, ctx), (id) => successWithoutDetails(id));
    },
  );

  for (const outcome of ['complete', 'fail'] as const) {
    app.post<{ Body: { TransactionsId: number; Reason?: string } }>(
      `/api/v1/customer/simulations/transactions/${outcome}`,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: outcome === 'complete' ? 'Complete a pending transaction (ours)' : 'Fail a pending transaction; outbound funds return by a rollback transaction (ours)',
          body: Type.Object({ TransactionsId: IdField(), Reason: Type.Optional(StringField({ maxLength: SIMULATION_TEXT_LENGTH_MAX })) }),
          response: { 200: EndedEnvelope, '4xx': ErrorEnvelope },
        }),
      },
      (request, reply) =>
        idempotent(
          request,
          reply,
          deps.database.reader,
          deps.clock,
          (ctx) => (outcome === 'complete' ? run.complete(request.principalCustomersId, request.body.TransactionsId, ctx) : run.fail(request.principalCustomersId, request.body.TransactionsId, ctx)),
          (result) => success(result, result.transactionsId),
        ),
    );
  }
}
