import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config/config.js';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { Clock } from '../../../shared/clock.js';
import type { PayeeRequest, PayeesService } from '../../../transfers/index.js';
import { paged, success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { pageFrom, pagingQueryFields } from '../../paging.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf, protectedRoute } from '../../route-schema.js';
import { IdField } from '../../schema-types.js';
import { CreatePayeeBody, EditPayeeBody, PayeeView } from './payee-schemas.js';

export interface PayeeRouteDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly payees: PayeesService;
}

const TAGS = ['Payees (beneficiaries)'];
/** v3 is current; v1 and v2 existed and accept the same body. */
export const CREATE_PAYEE_PATHS = ['/api/v1/customer/payees/create', '/api/v2/customer/payees/create', '/api/v3/customer/payees/create'] as const;

export function payeeRoutes(app: FastifyInstance, deps: PayeeRouteDeps): void {
  const run = <T>(request: Parameters<typeof idempotent>[0], reply: Parameters<typeof idempotent>[1], work: Parameters<typeof idempotent<T>>[4], id: (r: T) => number) =>
    idempotent<T>(request, reply, deps.database.reader, deps.clock, work, (r) => success(r, id(r)));

  for (const path of CREATE_PAYEE_PATHS) {
    app.post<{ Body: PayeeRequest }>(
      path,
      { schema: protectedRoute({ tags: TAGS, summary: 'Save a payee for a customer', body: CreatePayeeBody, response: { 200: envelopeOf(PayeeView), '4xx': ErrorEnvelope } }) },
      (request, reply) => run(request, reply, (ctx) => deps.payees.create(request.principalCustomersId, request.body, ctx), (r) => r.id),
    );
  }

  app.post<{ Body: PayeeRequest & { PayeesId: number } }>(
    '/api/v1/customer/payees/edit',
    { schema: protectedRoute({ tags: TAGS, summary: "Replace a saved payee's details", body: EditPayeeBody, response: { 200: envelopeOf(PayeeView), '4xx': ErrorEnvelope } }) },
    (request, reply) => run(request, reply, (ctx) => deps.payees.edit(request.principalCustomersId, request.body.PayeesId, request.body, ctx), (r) => r.id),
  );

  app.get<{ Querystring: { Id: number } }>(
    '/api/v1/customer/payees/get',
    { schema: protectedRoute({ tags: TAGS, summary: 'Get a saved payee', querystring: Type.Object({ Id: IdField() }), response: { 200: envelopeOf(PayeeView), '4xx': ErrorEnvelope } }) },
    async (request) => success(await deps.payees.get(request.principalCustomersId, request.query.Id), request.query.Id),
  );

  app.get<{ Querystring: { CustomersId?: number; PageNumber?: number; PageSize?: number } }>(
    '/api/v1/customer/payees/list',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'List saved payees (of one customer, or of all customers within reach)',
        querystring: Type.Object({ CustomersId: Type.Optional(IdField()), ...pagingQueryFields }),
        response: { 200: pagedEnvelopeOf(PayeeView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      const result = await deps.payees.list(request.principalCustomersId, q.CustomersId === 0 ? undefined : q.CustomersId, pageFrom(q, deps.config.pageSizeMax));
      return paged(result.items, result);
    },
  );

  app.post<{ Body: { PayeesId: number } }>(
    '/api/v1/customer/payees/delete',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Delete a saved payee',
        body: Type.Object({ PayeesId: IdField() }),
        response: { 200: envelopeOf(Type.Object({ payeesId: Type.Integer(), bDeleted: Type.Boolean() })), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) => run(request, reply, (ctx) => deps.payees.delete(request.principalCustomersId, request.body.PayeesId, ctx), (r) => r.payeesId),
  );
}
