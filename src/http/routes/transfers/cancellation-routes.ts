import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { Clock } from '../../../shared/clock.js';
import type { CancellationService, ReversalService } from '../../../transfers/index.js';
import { success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { envelopeOf, ErrorEnvelope, protectedRoute } from '../../route-schema.js';
import { DecimalOut, IdField, Nullable, StringField } from '../../schema-types.js';

export interface CancellationRouteDeps {
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly cancellations: CancellationService;
  readonly reversals: ReversalService;
}

const CANCEL_PATH = '/api/v1/customer/transactions/cancel';
const REVERSE_PATH = '/api/v1/customer/transfers/reverseinboundtransfer';

export function cancellationRoutes(app: FastifyInstance, deps: CancellationRouteDeps): void {
  const tags = ['Transaction cancellation'];
  app.get<{ Querystring: { TransactionsId: number; CustomersId?: number } }>(
    CANCEL_PATH,
    {
      schema: protectedRoute({
        tags,
        summary: 'Can this transaction be cancelled?',
        querystring: Type.Object({ TransactionsId: IdField(), CustomersId: Type.Optional(IdField()) }),
        response: { 200: envelopeOf(Type.Object({ transactionsId: Type.Integer(), bCancellable: Type.Boolean() })), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      return success(await deps.cancellations.check(request.principalCustomersId, q.TransactionsId, q.CustomersId === 0 ? undefined : q.CustomersId));
    },
  );
  app.post<{ Body: { TransactionsId: number; CustomersId?: number | null } }>(
    CANCEL_PATH,
    {
      schema: protectedRoute({
        tags,
        summary: 'Cancel a pending outbound bank transfer (funds and fee come back through rollbacks)',
        body: Type.Object({ TransactionsId: IdField(), CustomersId: Type.Optional(Nullable(IdField())) }),
        response: { 200: envelopeOf(Type.Object({ transactionsId: Type.Integer(), cancellationRequestsCode: Type.String(), rollbackTransactionId: Nullable(Type.Integer()) })), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) => {
      const b = request.body;
      const customersId = b.CustomersId === undefined || b.CustomersId === null || b.CustomersId === 0 ? undefined : b.CustomersId;
      return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.cancellations.cancel(request.principalCustomersId, b.TransactionsId, customersId, ctx), (r) => success(r, r.transactionsId));
    },
  );

  const reverseTags = ['Transfers'];
  app.get<{ Querystring: { TransactionsId: number } }>(
    REVERSE_PATH,
    {
      schema: protectedRoute({
        tags: reverseTags,
        summary: 'Reverse-inbound-transfer details: eligibility and the reasons to choose from',
        querystring: Type.Object({ TransactionsId: IdField() }),
        response: {
          200: envelopeOf(Type.Object({ transactionsId: Type.Integer(), bEligibleForReversal: Type.Boolean(), reasons: Type.Array(Type.Object({ code: Type.String(), description: Type.String() })) })),
          '4xx': ErrorEnvelope,
        },
      }),
    },
    async (request) => success(await deps.reversals.details(request.principalCustomersId, request.query.TransactionsId)),
  );
  app.post<{ Body: { TransactionsId: number; ReasonCode: string; Notes?: string } }>(
    REVERSE_PATH,
    {
      schema: protectedRoute({
        tags: reverseTags,
        summary: 'Send a completed inbound bank deposit back to its sender',
        body: Type.Object({ TransactionsId: IdField(), ReasonCode: StringField({ maxLength: 10 }), Notes: Type.Optional(StringField({ maxLength: 500 })) }),
        response: {
          200: envelopeOf(Type.Object({ transactionsId: Type.Integer(), originalTransactionId: Type.Integer(), amount: DecimalOut(), reasonCode: Type.String(), transactionStatus: Type.String(), dateTime: Type.String() })),
          '4xx': ErrorEnvelope,
        },
      }),
    },
    (request, reply) => {
      const b = request.body;
      return idempotent(
        request,
        reply,
        deps.database.reader,
        deps.clock,
        (ctx) => deps.reversals.reverse(request.principalCustomersId, { transactionsId: b.TransactionsId, reasonCode: b.ReasonCode, notes: b.Notes ?? null }, ctx),
        (r) => success(r, r.transactionsId),
      );
    },
  );
}
