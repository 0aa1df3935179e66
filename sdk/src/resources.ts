import type { IbaneraClient } from './client.js';
import type { Operations } from './generated/operations.js';

/**
 * Named, typed wrappers for the operations of the modules this SDK knows (the newest version of each
 * route). Each is one line over `client.call`/`client.list`; any other route is reachable with
 * `client.call('METHOD /path', …)` or, untyped, `client.request(method, path, …)`.
 */
type Body<K extends keyof Operations> = Operations[K]['body'];
type Query<K extends keyof Operations> = Operations[K]['query'];
type Id = number | string;

export function accountsOf(client: IbaneraClient) {
  return {
    create: (body: Body<'POST /api/v2/customer/accounts/create'>, idempotencyKey?: string) => client.details('POST /api/v2/customer/accounts/create', { body, idempotencyKey }),
    get: (id: Id) => client.details('GET /api/v1/customer/accounts/account', { query: { Id: id } }),
    balances: (query: Omit<Query<'GET /api/v1/customer/accounts/balances'>, 'PageNumber'> = {}) => client.list('GET /api/v1/customer/accounts/balances', query),
    list: (query: Omit<Query<'GET /api/v1/customer/accounts/list-accounts'>, 'PageNumber'> = {}) => client.list('GET /api/v1/customer/accounts/list-accounts', query),
    transactions: (query: Omit<Query<'GET /api/v1/customer/accounts/transactions'>, 'PageNumber'>) => client.list('GET /api/v1/customer/accounts/transactions', query),
    transaction: (id: Id) => client.details('GET /api/v2/customer/accounts/transactions/get', { query: { Id: id } }),
    depositAddress: (accountsId: Id) => client.details('GET /api/v1/customer/accounts/crypto/depositaddress', { query: { AccountsId: accountsId } }),
    withdrawCrypto: (body: Body<'POST /api/v1/customer/accounts/crypto/withdraw'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/accounts/crypto/withdraw', { body, idempotencyKey }),
  };
}

export function transfersOf(client: IbaneraClient) {
  return {
    internalFiat: (body: Body<'POST /api/v1/customer/transfers/fiat/createinternaltransfer'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transfers/fiat/createinternaltransfer', { body, idempotencyKey }),
    internalCrypto: (body: Body<'POST /api/v1/customer/transfers/crypto/createinternaltransfer'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transfers/crypto/createinternaltransfer', { body, idempotencyKey }),
    externalFiat: (body: Body<'POST /api/v3/customer/transfers/fiat/createexternaltransfer'>, idempotencyKey?: string) =>
      client.details('POST /api/v3/customer/transfers/fiat/createexternaltransfer', { body, idempotencyKey }),
    lookupBankDetails: (query: Query<'GET /api/v1/customer/transfers/lookupbankdetails'>) => client.details('GET /api/v1/customer/transfers/lookupbankdetails', { query }),
    purposeCodes: () => client.details('GET /api/v1/customer/transfers/purposecodes'),
    cancel: (body: Body<'POST /api/v1/customer/transactions/cancel'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transactions/cancel', { body, idempotencyKey }),
    reverseInbound: (body: Body<'POST /api/v1/customer/transfers/reverseinboundtransfer'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transfers/reverseinboundtransfer', { body, idempotencyKey }),
  };
}

export function payeesOf(client: IbaneraClient) {
  return {
    create: (body: Body<'POST /api/v3/customer/payees/create'>, idempotencyKey?: string) => client.details('POST /api/v3/customer/payees/create', { body, idempotencyKey }),
    edit: (body: Body<'POST /api/v1/customer/payees/edit'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/payees/edit', { body, idempotencyKey }),
    get: (id: Id) => client.details('GET /api/v1/customer/payees/get', { query: { Id: id } }),
    list: (query: Omit<Query<'GET /api/v1/customer/payees/list'>, 'PageNumber'> = {}) => client.list('GET /api/v1/customer/payees/list', query),
    delete: (body: Body<'POST /api/v1/customer/payees/delete'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/payees/delete', { body, idempotencyKey }),
  };
}

export function manageesOf(client: IbaneraClient) {
  return {
    create: (body: Body<'POST /api/v5/customer/managees/create'>, idempotencyKey?: string) => client.details('POST /api/v5/customer/managees/create', { body, idempotencyKey }),
    list: (query: Omit<Query<'GET /api/v2/customer/managees/list'>, 'PageNumber'> = {}) => client.list('GET /api/v2/customer/managees/list', query),
  };
}

/** Sandbox only. A pay-in answers no `details`: its envelope `id` is the new transaction's id. */
export function simulationsOf(client: IbaneraClient) {
  return {
    payIn: async (body: Body<'POST /api/v1/customer/simulations/payins'>, idempotencyKey?: string) =>
      (await client.call('POST /api/v1/customer/simulations/payins', { body, idempotencyKey })).id,
    cryptoDeposit: (body: Body<'POST /api/v1/customer/simulations/crypto-deposits'>, idempotencyKey?: string) =>
      client.call('POST /api/v1/customer/simulations/crypto-deposits', { body, idempotencyKey }),
    completeTransaction: (body: Body<'POST /api/v1/customer/simulations/transactions/complete'>, idempotencyKey?: string) =>
      client.call('POST /api/v1/customer/simulations/transactions/complete', { body, idempotencyKey }),
    failTransaction: (body: Body<'POST /api/v1/customer/simulations/transactions/fail'>, idempotencyKey?: string) =>
      client.call('POST /api/v1/customer/simulations/transactions/fail', { body, idempotencyKey }),
    manageeJumioCompleted: (body: Body<'POST /api/v1/customer/simulations/managees/jumio-completed'>, idempotencyKey?: string) =>
      client.call('POST /api/v1/customer/simulations/managees/jumio-completed', { body, idempotencyKey }),
    manageeKyc: (body: Body<'POST /api/v1/customer/simulations/managees/kyc'>, idempotencyKey?: string) =>
      client.call('POST /api/v1/customer/simulations/managees/kyc', { body, idempotencyKey }),
  };
}
