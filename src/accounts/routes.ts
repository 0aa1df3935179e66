import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope, IdQuery, pagedEnvelopeOf, PagingQuery } from '../shared/contract-envelope.js';
import { DomainError } from '../shared/domain-error.js';
import type { AccountsService } from './accounts-service.js';
import {
  AccountDetail,
  AccountListItem,
  AccountsIdQuery,
  BalanceItem,
  CreateAccountBody,
  CreatedAccounts,
  DepositAddress,
  ListAccountsQuery,
  ListTransactionsQuery,
  TransactionDetail,
  TransactionListItem,
  WithdrawalResult,
  WithdrawBody,
} from './contract.js';
import type { CryptoService } from './crypto-service.js';
import type { TransactionsService } from './transactions-service.js';

export interface AccountRouteServices {
  readonly accounts: AccountsService;
  readonly transactions: TransactionsService;
  readonly crypto: CryptoService;
}

const TAGS = ['Accounts'];
/** Both versions of the detail path appear in the spec (header v2, example v1); both are served. */
export const TRANSACTION_DETAIL_PATHS = ['/api/v2/customer/accounts/transactions/get', '/api/v1/customer/accounts/transactions/get'] as const;
const DEPOSIT_ADDRESS_PATH = '/api/v1/customer/accounts/crypto/depositaddress';

/** The Accounts chapter: accounts, their transactions, crypto deposit addresses and withdrawals. */
export function accountsRoutes(app: RouteScope, services: AccountRouteServices, ctx: ModuleContext): void {
  accountRoutes(app, services.accounts, ctx);
  transactionRoutes(app, services.transactions, ctx);
  cryptoRoutes(app, services.crypto);
}

/** Create, get, balances and list-accounts. */
function accountRoutes(app: RouteScope, accounts: AccountsService, ctx: ModuleContext): void {
  idempotentPost(
    app,
    '/api/v2/customer/accounts/create',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Create an asset account for a customer',
        body: CreateAccountBody,
        response: { 200: envelopeOf(CreatedAccounts), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result' },
    },
    (request, write) => accounts.createAccount(request.principalCustomersId, request.body, write),
  );

  app.get(
    '/api/v1/customer/accounts/account',
    {
      schema: protectedRoute({ tags: TAGS, summary: 'Get an asset account by id', querystring: IdQuery, response: { 200: envelopeOf(AccountDetail), '4xx': ErrorEnvelope } }),
    },
    async (request) => success(await accounts.getAccount(request.principalCustomersId, request.query.Id), request.query.Id),
  );

  app.get(
    '/api/v1/customer/accounts/balances',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "The manager's own account balances (unpaginated when no page parameter is given)",
        querystring: PagingQuery,
        response: { 200: pagedEnvelopeOf(BalanceItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const { PageNumber, PageSize } = request.query;
      const page = PageNumber === undefined && PageSize === undefined ? null : pageFrom(request.query, ctx.config.pageSizeMax);
      const result = await accounts.balances(request.principalCustomersId, page);
      return paged(result.items, result);
    },
  );

  app.get(
    '/api/v1/customer/accounts/list-accounts',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "A customer's asset accounts (the principal's own when CustomersId is absent)",
        querystring: ListAccountsQuery,
        response: { 200: pagedEnvelopeOf(AccountListItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const { CustomersId, Asset } = request.query;
      if (CustomersId === 0) throw new DomainError('Invalid', 'CustomersId');
      const page = pageFrom(request.query, ctx.config.pageSizeMax);
      const result = await accounts.listAccounts(
        request.principalCustomersId,
        { ...(CustomersId === undefined ? {} : { customersId: CustomersId }), ...(Asset === undefined ? {} : { asset: Asset }) },
        page,
      );
      return paged(result.items, result);
    },
  );
}

/** The transaction list and a transaction's details. */
function transactionRoutes(app: RouteScope, transactions: TransactionsService, ctx: ModuleContext): void {
  app.get(
    '/api/v1/customer/accounts/transactions',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'List transactions, newest first',
        querystring: ListTransactionsQuery,
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
      const result = await transactions.list(request.principalCustomersId, filter, pageFrom(q, ctx.config.pageSizeMax));
      return paged(result.items, result);
    },
  );

  for (const path of TRANSACTION_DETAIL_PATHS) {
    app.get(
      path,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: 'Get the details of one transaction',
          querystring: IdQuery,
          response: { 200: envelopeOf(TransactionDetail), '4xx': ErrorEnvelope },
        }),
      },
      async (request) => success(await transactions.get(request.principalCustomersId, request.query.Id)),
    );
  }
}

/** Deposit addresses and withdrawals of crypto accounts. */
function cryptoRoutes(app: RouteScope, crypto: CryptoService): void {
  const AddressEnvelope = envelopeOf(DepositAddress);
  app.get(
    DEPOSIT_ADDRESS_PATH,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "The crypto account's deposit address (deterministic per account)",
        querystring: AccountsIdQuery,
        response: { 200: AddressEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await crypto.depositAddress(request.principalCustomersId, request.query.AccountsId)),
  );
  // Ibanera's prose (and a real client) send the account id in a POST body: tolerated (spec §8.12, §8.22).
  idempotentPost(
    app,
    DEPOSIT_ADDRESS_PATH,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'The same, with the account id in a JSON body',
        body: AccountsIdQuery,
        response: { 200: AddressEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result' },
    },
    (request, write) => crypto.depositAddress(request.principalCustomersId, request.body.AccountsId, write),
  );

  idempotentPost(
    app,
    '/api/v1/customer/accounts/crypto/withdraw',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Withdraw crypto to an external wallet (creates a pending outbound transaction)',
        body: WithdrawBody,
        response: { 200: envelopeOf(WithdrawalResult), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => crypto.withdraw(request.principalCustomersId, request.body, write),
  );
}
