import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountsService } from '../../../accounts/index.js';
import type { Config } from '../../../config/config.js';
import type { Clock } from '../../../shared/clock.js';
import type { DatabaseHandle } from '../../../db/open-database.js';
import { DomainError } from '../../../shared/domain-error.js';
import { paged, success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { pageFrom, pagingQueryFields } from '../../paging.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf, protectedRoute } from '../../route-schema.js';
import { IdField, StringField } from '../../schema-types.js';
import { AccountDetail, AccountListItem, BalanceItem, CreatedAccount } from './account-schemas.js';

export interface AccountRouteDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly accounts: AccountsService;
}

const TAGS = ['Accounts'];
export const ACCOUNT_NAME_LENGTH_MAX = 100;

/** Create, get, balances and list-accounts: the Accounts chapter's account endpoints. */
export function accountRoutes(app: FastifyInstance, deps: AccountRouteDeps): void {
  app.post<{ Body: { CustomersId: number; Name: string; Asset: string } }>(
    '/api/v2/customer/accounts/create',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Create an asset account for a customer',
        body: Type.Object({ CustomersId: IdField(), Name: StringField({ maxLength: ACCOUNT_NAME_LENGTH_MAX }), Asset: StringField({ maxLength: 20 }) }),
        response: { 200: envelopeOf(Type.Object({ customersId: Type.Integer(), customersReference: Type.String(), accounts: Type.Array(CreatedAccount) })), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) =>
      idempotent(request, reply, deps.database.reader, deps.clock, (ctx) =>
        deps.accounts.createAccount(request.principalCustomersId, { customersId: request.body.CustomersId, name: request.body.Name, asset: request.body.Asset }, ctx),
        (result) => success(result),
      ),
  );

  app.get<{ Querystring: { Id: number } }>(
    '/api/v1/customer/accounts/account',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Get an asset account by id',
        querystring: Type.Object({ Id: IdField() }),
        response: { 200: envelopeOf(AccountDetail), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await deps.accounts.getAccount(request.principalCustomersId, request.query.Id), request.query.Id),
  );

  app.get<{ Querystring: { PageNumber?: number; PageSize?: number } }>(
    '/api/v1/customer/accounts/balances',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "The manager's own account balances (unpaginated when no page parameter is given)",
        querystring: Type.Object(pagingQueryFields),
        response: { 200: pagedEnvelopeOf(BalanceItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const { PageNumber, PageSize } = request.query;
      const page = PageNumber === undefined && PageSize === undefined ? null : pageFrom(request.query, deps.config.pageSizeMax);
      const result = await deps.accounts.balances(request.principalCustomersId, page);
      return paged(result.items, result);
    },
  );

  app.get<{ Querystring: { CustomersId?: number; Asset?: string; PageNumber?: number; PageSize?: number } }>(
    '/api/v1/customer/accounts/list-accounts',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "A customer's asset accounts (the principal's own when CustomersId is absent)",
        querystring: Type.Object({ CustomersId: Type.Optional(IdField()), Asset: Type.Optional(StringField({ maxLength: 20 })), ...pagingQueryFields }),
        response: { 200: pagedEnvelopeOf(AccountListItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const { CustomersId, Asset } = request.query;
      if (CustomersId === 0) throw new DomainError('Invalid', 'CustomersId');
      const page = pageFrom(request.query, deps.config.pageSizeMax);
      const result = await deps.accounts.listAccounts(request.principalCustomersId, { ...(CustomersId === undefined ? {} : { customersId: CustomersId }), ...(Asset === undefined ? {} : { asset: Asset }) }, page);
      return paged(result.items, result);
    },
  );
}
