import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TransactionsService } from '../../../accounts/index.js';
import type { Config } from '../../../config/config.js';
import { paged, success } from '../../envelope.js';
import { pageFrom, pagingQueryFields } from '../../paging.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf, protectedRoute } from '../../route-schema.js';
import { DateTimeField, IdField } from '../../schema-types.js';
import { TransactionDetail, TransactionListItem } from './transaction-schemas.js';

export interface TransactionRouteDeps {
  readonly config: Config;
  readonly transactions: TransactionsService;
}

const TAGS = ['Accounts'];
/** Both versions of the detail path appear in the spec (header v2, example v1); both are served. */
export const TRANSACTION_DETAIL_PATHS = ['/api/v2/customer/accounts/transactions/get', '/api/v1/customer/accounts/transactions/get'] as const;

export function transactionRoutes(app: FastifyInstance, deps: TransactionRouteDeps): void {
  app.get<{ Querystring: { AccountsId?: number; FromDate?: string; ToDate?: string; PageNumber?: number; PageSize?: number } }>(
    '/api/v1/customer/accounts/transactions',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'List transactions, newest first',
        querystring: Type.Object({
          AccountsId: Type.Optional(IdField()),
          FromDate: Type.Optional(DateTimeField({ description: 'ISO 8601 date or date-time (UTC when no offset).' })),
          ToDate: Type.Optional(DateTimeField({ description: 'Inclusive: a date without time covers the whole day.' })),
          ...pagingQueryFields,
        }),
        response: { 200: pagedEnvelopeOf(TransactionListItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      const filter = {
        ...(q.AccountsId === undefined || q.AccountsId === 0 ? {} : { accountsId: q.AccountsId }),
        ...(q.FromDate === undefined ? {} : { fromDate: q.FromDate }),
        ...(q.ToDate === undefined ? {} : { toDate: q.ToDate }),
      };
      const result = await deps.transactions.list(request.principalCustomersId, filter, pageFrom(q, deps.config.pageSizeMax));
      return paged(result.items, result);
    },
  );

  for (const path of TRANSACTION_DETAIL_PATHS) {
    app.get<{ Querystring: { Id: number } }>(
      path,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: 'Get the details of one transaction',
          querystring: Type.Object({ Id: IdField() }),
          response: { 200: envelopeOf(TransactionDetail), '4xx': ErrorEnvelope },
        }),
      },
      async (request) => success(await deps.transactions.get(request.principalCustomersId, request.query.Id)),
    );
  }
}
