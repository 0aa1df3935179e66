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
    /** Sets a market price (crypto exchanges, QuickBuy). */
    price: (body: Body<'POST /api/v1/customer/simulations/prices'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/simulations/prices', { body, idempotencyKey }),
  };
}

type Paged<K extends keyof Operations> = Omit<Query<K>, 'PageNumber'>;

/** Crypto exchanges: pairs, a quote, a buy or a sell (by amount or price), review, confirm, cancel. */
export function cryptoExchangesOf(client: IbaneraClient) {
  return {
    availablePairs: (query: Paged<'GET /api/v1/customer/crypto-exchanges/availablepairs'> = {}) => client.list('GET /api/v1/customer/crypto-exchanges/availablepairs', query),
    quote: (body: Body<'POST /api/v1/customer/crypto-exchanges/quote'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/crypto-exchanges/quote', { body, idempotencyKey }),
    buy: (body: Body<'POST /api/v1/customer/crypto-exchanges/buy'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/crypto-exchanges/buy', { body, idempotencyKey }),
    sell: (body: Body<'POST /api/v1/customer/crypto-exchanges/sell'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/crypto-exchanges/sell', { body, idempotencyKey }),
    reviewQuote: (query: Query<'GET /api/v1/customer/crypto-exchanges/reviewquote'>) => client.details('GET /api/v1/customer/crypto-exchanges/reviewquote', { query }),
    confirmSell: (body: Body<'POST /api/v1/customer/crypto-exchanges/confirmsell'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/crypto-exchanges/confirmsell', { body, idempotencyKey }),
    cancel: (body: Body<'POST /api/v1/customer/crypto-exchanges/cancel'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/crypto-exchanges/cancel', { body, idempotencyKey }),
    list: (query: Paged<'GET /api/v1/customer/crypto-exchanges/list'> = {}) => client.list('GET /api/v1/customer/crypto-exchanges/list', query),
    get: (query: Query<'GET /api/v1/customer/crypto-exchanges/get'>) => client.details('GET /api/v1/customer/crypto-exchanges/get', { query }),
  };
}

/** Foreign exchange between fiat accounts: pairs, the accounts a pair can use, a quote, its execution. */
export function fxOf(client: IbaneraClient) {
  return {
    pairs: (query: Paged<'GET /api/v1/customer/foreign-exchanges/pairs'> = {}) => client.list('GET /api/v1/customer/foreign-exchanges/pairs', query),
    accountDetails: (query: Query<'GET /api/v1/customer/foreign-exchanges/account-details'>) => client.details('GET /api/v1/customer/foreign-exchanges/account-details', { query }),
    quote: (body: Body<'POST /api/v1/customer/foreign-exchanges/quote'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/foreign-exchanges/quote', { body, idempotencyKey }),
    execute: (body: Body<'POST /api/v1/customer/foreign-exchanges/execute'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/foreign-exchanges/execute', { body, idempotencyKey }),
    list: (query: Paged<'GET /api/v1/customer/foreign-exchanges/list'> = {}) => client.list('GET /api/v1/customer/foreign-exchanges/list', query),
  };
}

/** A file to upload: its bytes (or a Blob), its name and, optionally, its declared type. */
export interface UploadFile {
  readonly fileName: string;
  readonly content: Blob | Uint8Array | string;
  readonly contentType?: string;
}

/** Builds a multipart body with the global FormData and Blob (no dependency). */
export function formOf(fields: Readonly<Record<string, string | number | bigint | undefined>>, files: readonly (UploadFile & { readonly fieldName: string })[]): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  for (const file of files) {
    const blob =
      file.content instanceof Blob
        ? file.content
        : new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], file.contentType === undefined ? {} : { type: file.contentType });
    form.append(file.fieldName, blob, file.fileName);
  }
  return form;
}

type Uploaded<K extends keyof Operations> = Promise<Operations[K]['details']>;

/** Cards: issue, review, activate, read, move money, upload documents; sandbox network events. */
export function cardsOf(client: IbaneraClient) {
  return {
    complianceFields: () => client.details('GET /api/v1/customer/cards/compliancefields'),
    reviewCreate: (query: Query<'GET /api/v1/customer/cards/reviewcreatecard'>) => client.details('GET /api/v1/customer/cards/reviewcreatecard', { query }),
    create: (body: Body<'POST /api/v1/customer/cards/create'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/cards/create', { body, idempotencyKey }),
    createWithDda: (body: Body<'POST /api/v1/customer/cards/create-with-dda'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/cards/create-with-dda', { body, idempotencyKey }),
    /** Multipart: `customersId`, `type`, `documentSide` (Front by default) and one file. */
    documentUpload: (
      fields: { customersId: number | string; type: string; documentSide?: string },
      file: UploadFile,
      idempotencyKey?: string,
    ): Uploaded<'POST /api/v1/customer/cards/documentupload'> =>
      client.details('POST /api/v1/customer/cards/documentupload', { form: formOf(fields, [{ ...file, fieldName: 'file' }]), idempotencyKey }),
    activate: (body: Body<'POST /api/v1/customer/cards/activate'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/cards/activate', { body, idempotencyKey }),
    deactivate: (body: Body<'POST /api/v1/customer/cards/deactivate'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/cards/deactivate', { body, idempotencyKey }),
    changePin: (body: Body<'POST /api/v1/customer/cards/changecardpin'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/cards/changecardpin', { body, idempotencyKey }),
    balances: (query: Paged<'GET /api/v1/customer/cards/balances'> = {}) => client.list('GET /api/v1/customer/cards/balances', query),
    byUser: (query: Query<'GET /api/v1/customer/cards/byuser'>) => client.details('GET /api/v1/customer/cards/byuser', { query }),
    byUserList: (query: Paged<'GET /api/v1/customer/cards/byuser/list'> = {}) => client.list('GET /api/v1/customer/cards/byuser/list', query),
    details: (query: Query<'GET /api/v1/customer/cards/carddetails'>) => client.details('GET /api/v1/customer/cards/carddetails', { query }),
    /** The card number, expiry and CVC: keep them out of logs. */
    sensitiveDetails: (query: Query<'GET /api/v1/customer/cards/sensitive-details'>) => client.details('GET /api/v1/customer/cards/sensitive-details', { query }),
    transactions: (query: Paged<'GET /api/v1/customer/cards/transactions'>) => client.list('GET /api/v1/customer/cards/transactions', query),
    topUp: (body: Body<'POST /api/v1/customer/cards/topup'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/cards/topup', { body, idempotencyKey }),
    transferFunds: (body: Body<'POST /api/v1/customer/cards/transferfunds'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/cards/transferfunds', { body, idempotencyKey }),
    moveFunds: (body: Body<'POST /api/v1/customer/cards/movefunds'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/cards/movefunds', { body, idempotencyKey }),
    /** Sandbox only: what the card network would send. */
    simulations: {
      authorization: (body: Body<'POST /api/v1/customer/simulations/cards/authorizations'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/cards/authorizations', { body, idempotencyKey }),
      capture: (body: Body<'POST /api/v1/customer/simulations/cards/captures'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/cards/captures', { body, idempotencyKey }),
      reversal: (body: Body<'POST /api/v1/customer/simulations/cards/reversals'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/cards/reversals', { body, idempotencyKey }),
      refund: (body: Body<'POST /api/v1/customer/simulations/cards/refunds'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/cards/refunds', { body, idempotencyKey }),
      approval: (body: Body<'POST /api/v1/customer/simulations/cards/approvals'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/cards/approvals', { body, idempotencyKey }),
    },
  };
}

/** Information requests (RFIs): the list, one request's questions, and the answer (multipart). */
export function informationRequestsOf(client: IbaneraClient) {
  return {
    list: (query: Paged<'GET /api/v1/customer/informationrequests/getinformationrequestlist'> = {}) =>
      client.list('GET /api/v1/customer/informationrequests/getinformationrequestlist', query),
    details: (query: Query<'GET /api/v1/customer/informationrequests/getinformationrequestdetails'>) =>
      client.details('GET /api/v1/customer/informationrequests/getinformationrequestdetails', { query }),
    /** `answers` by question id (sent as `Answer_<id>`), `documents` as the `Documents` files. */
    submit: (
      submission: { informationRequestsId: number | string; answers?: Readonly<Record<string, string>>; documents?: readonly UploadFile[] },
      idempotencyKey?: string,
    ): Uploaded<'POST /api/v1/customer/informationrequests/submitinformationrequest'> => {
      const fields: Record<string, string | number> = { InformationRequestsId: submission.informationRequestsId };
      for (const [questionId, answer] of Object.entries(submission.answers ?? {})) fields[`Answer_${questionId}`] = answer;
      const form = formOf(
        fields,
        (submission.documents ?? []).map((file) => ({ ...file, fieldName: 'Documents' })),
      );
      return client.details('POST /api/v1/customer/informationrequests/submitinformationrequest', { form, idempotencyKey });
    },
    /** Sandbox only: open a request as compliance would, and decide one. */
    simulations: {
      open: (body: Body<'POST /api/v1/customer/simulations/informationrequests'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/informationrequests', { body, idempotencyKey }),
      decide: (body: Body<'POST /api/v1/customer/simulations/informationrequests/decide'>, idempotencyKey?: string) =>
        client.details('POST /api/v1/customer/simulations/informationrequests/decide', { body, idempotencyKey }),
    },
  };
}

/** Business onboarding (KYB): parameters, the business, its documents (multipart), the verification. */
export function businessOf(client: IbaneraClient) {
  return {
    creationParameters: () => client.details('GET /api/v2/customer/business/creationparameters'),
    create: (body: Body<'POST /api/v2/customer/business/create'>, idempotencyKey?: string) => client.details('POST /api/v2/customer/business/create', { body, idempotencyKey }),
    verificationParameters: (query: Query<'GET /api/v2/customer/business/verificationparameters'>) =>
      client.details('GET /api/v2/customer/business/verificationparameters', { query }),
    /** Multipart: `CustomersId`, `DocumentType` and the file(s). */
    uploadDocument: (
      fields: { CustomersId: number | string; DocumentType: string },
      files: UploadFile | readonly UploadFile[],
      idempotencyKey?: string,
    ): Uploaded<'POST /api/v1/customer/business/uploaddocument'> =>
      client.details('POST /api/v1/customer/business/uploaddocument', {
        form: formOf(
          fields,
          (Array.isArray(files) ? files : [files as UploadFile]).map((file) => ({ ...file, fieldName: 'Document' })),
        ),
        idempotencyKey,
      }),
    deleteDocument: (body: Body<'POST /api/v1/customer/business/deletedocument'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/business/deletedocument', { body, idempotencyKey }),
    submitVerification: (body: Body<'POST /api/v2/customer/business/submitverification'>, idempotencyKey?: string) =>
      client.details('POST /api/v2/customer/business/submitverification', { body, idempotencyKey }),
    verificationStatus: (query: Query<'GET /api/v1/customer/business/verificationstatus'>) => client.details('GET /api/v1/customer/business/verificationstatus', { query }),
  };
}

/** Saved crypto wallets and withdrawals to an address or a saved wallet. */
export function walletsOf(client: IbaneraClient) {
  return {
    create: (body: Body<'POST /api/v1/customer/transfers/crypto/wallets/create'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transfers/crypto/wallets/create', { body, idempotencyKey }),
    list: (query: Paged<'GET /api/v1/customer/transfers/crypto/wallets/list'> = {}) => client.list('GET /api/v1/customer/transfers/crypto/wallets/list', query),
    edit: (body: Body<'POST /api/v1/customer/transfers/crypto/wallets/edit'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transfers/crypto/wallets/edit', { body, idempotencyKey }),
    delete: (body: Body<'POST /api/v1/customer/transfers/crypto/wallets/delete'>, idempotencyKey?: string) =>
      client.details('POST /api/v1/customer/transfers/crypto/wallets/delete', { body, idempotencyKey }),
    withdraw: (body: Body<'POST /api/v2/customer/transfers/crypto/withdraw'>, idempotencyKey?: string) =>
      client.details('POST /api/v2/customer/transfers/crypto/withdraw', { body, idempotencyKey }),
    withdrawToSavedWallet: (body: Body<'POST /api/v2/customer/transfers/crypto/withdrawtosavedwallet'>, idempotencyKey?: string) =>
      client.details('POST /api/v2/customer/transfers/crypto/withdrawtosavedwallet', { body, idempotencyKey }),
  };
}

/** Card payees (push to card) and ACH pulls from a linked bank payee. */
export function cardPayeesOf(client: IbaneraClient) {
  return {
    create: (body: Body<'POST /api/v3/customer/payees/card/create'>, idempotencyKey?: string) =>
      client.details('POST /api/v3/customer/payees/card/create', { body, idempotencyKey }),
    get: (query: Query<'GET /api/v3/customer/payees/card/get'>) => client.details('GET /api/v3/customer/payees/card/get', { query }),
    list: (query: Paged<'GET /api/v3/customer/payees/card/list'> = {}) => client.list('GET /api/v3/customer/payees/card/list', query),
    achPull: (body: Body<'POST /api/v1/customer/payees/achpull'>, idempotencyKey?: string) => client.details('POST /api/v1/customer/payees/achpull', { body, idempotencyKey }),
  };
}
