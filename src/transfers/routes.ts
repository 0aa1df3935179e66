import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope, IdQuery, pagedEnvelopeOf } from '../shared/contract-envelope.js';
import type { BankDirectory } from './bank-directory.js';
import type { CancellationService } from './cancellation-service.js';
import {
  AchPullBody,
  CardPayeeView,
  CreateCardPayeeBody,
  ListCardPayeesQuery,
  AchPullResult,
  BankDetails,
  CancelBody,
  CancelCheck,
  CancelCheckQuery,
  Cancelled,
  CreatePayeeBody,
  DeletedPayee,
  EditPayeeBody,
  ExternalTransferBody,
  ExternalTransferResult,
  InternalTransferBody,
  InternalTransferResult,
  ListPayeesQuery,
  LookupBankQuery,
  PayeesIdBody,
  PayeeView,
  PurposeCodeList,
  ReversalDetails,
  ReverseBody,
  Reversed,
  TransactionsIdQuery,
} from './contract.js';
import type { ExternalTransferService } from './external-transfer-service.js';
import type { InternalKind, InternalTransferService } from './internal-transfer-service.js';
import type { PayeesService } from './payees-service.js';
import { PURPOSE_CODES } from './purpose-codes.js';
import type { ReversalService } from './reversal-service.js';
import type { AchPullService } from './ach-pull-service.js';
import type { CardPayeesService } from './card-payees-service.js';
import { isVisaDirect, type CardPayoutService } from './card-payout-service.js';

export interface TransferRouteServices {
  readonly internalTransfers: InternalTransferService;
  readonly externalTransfers: ExternalTransferService;
  readonly bankDirectory: BankDirectory;
  readonly payees: PayeesService;
  readonly cancellations: CancellationService;
  readonly reversals: ReversalService;
  readonly achPulls: AchPullService;
  readonly cardPayees: CardPayeesService;
  readonly cardPayouts: CardPayoutService;
}

const TAGS = ['Transfers'];
/** v3 is current; v1 and v2 existed and accept the same body. */
export const CREATE_PAYEE_PATHS = ['/api/v1/customer/payees/create', '/api/v2/customer/payees/create', '/api/v3/customer/payees/create'] as const;
const CANCEL_PATH = '/api/v1/customer/transactions/cancel';
const REVERSE_PATH = '/api/v1/customer/transfers/reverseinboundtransfer';

/** Transfers, payees, cancellation and inbound reversal. */
export function transfersRoutes(app: RouteScope, services: TransferRouteServices, ctx: ModuleContext): void {
  transferRoutes(app, services);
  payeeRoutes(app, services.payees, ctx);
  cancellationRoutes(app, services);
  achPullRoutes(app, services.achPulls);
  cardPayeeRoutes(app, services.cardPayees, ctx);
}

function transferRoutes(app: RouteScope, services: TransferRouteServices): void {
  const internal = (path: string, kind: InternalKind) =>
    idempotentPost(
      app,
      path,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: `Internal ${kind} transfer between two accounts of one asset (completes at once)`,
          body: InternalTransferBody,
          response: { 200: envelopeOf(InternalTransferResult), '4xx': ErrorEnvelope },
        }),
        envelope: { details: 'result', id: 'transactionsId' },
      },
      (request, write) => services.internalTransfers.transfer(request.principalCustomersId, kind, request.body, write),
    );
  internal('/api/v1/customer/transfers/fiat/createinternaltransfer', 'fiat');
  internal('/api/v1/customer/transfers/crypto/createinternaltransfer', 'crypto');

  idempotentPost(
    app,
    '/api/v3/customer/transfers/fiat/createexternaltransfer',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'External fiat transfer by ACH, Wire, SWIFT, or VisaDirect to a card payee (pending until settled; a fee transaction from the fee schedule)',
        body: ExternalTransferBody,
        response: { 200: envelopeOf(ExternalTransferResult), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'transactionsId' },
    },
    (request, write) =>
      isVisaDirect(request.body.TransferType)
        ? services.cardPayouts.transfer(request.principalCustomersId, request.body, write)
        : services.cardPayouts
            .refuseOnBankRail(request.principalCustomersId, request.body)
            .then(() => services.externalTransfers.transfer(request.principalCustomersId, request.body, write)),
  );

  app.get(
    '/api/v1/customer/transfers/lookupbankdetails',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Look up a bank by SWIFT code or routing number (from the bank directory file)',
        querystring: LookupBankQuery,
        response: { 200: envelopeOf(BankDetails), '4xx': ErrorEnvelope },
      }),
    },
    (request) => {
      const { SwiftCode, RoutingNumber } = request.query;
      return success(
        services.bankDirectory.lookup({ ...(SwiftCode === undefined ? {} : { swiftCode: SwiftCode }), ...(RoutingNumber === undefined ? {} : { routingNumber: RoutingNumber }) }),
      );
    },
  );

  app.get(
    '/api/v1/customer/transfers/purposecodes',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Transfer purpose codes (PurposeCode of external transfers)',
        response: { 200: envelopeOf(PurposeCodeList), '4xx': ErrorEnvelope },
      }),
    },
    () => success(PURPOSE_CODES),
  );
}

function payeeRoutes(app: RouteScope, payees: PayeesService, ctx: ModuleContext): void {
  const tags = ['Payees (beneficiaries)'];
  const PayeeEnvelope = envelopeOf(PayeeView);
  for (const path of CREATE_PAYEE_PATHS) {
    idempotentPost(
      app,
      path,
      {
        schema: protectedRoute({ tags, summary: 'Save a payee for a customer', body: CreatePayeeBody, response: { 200: PayeeEnvelope, '4xx': ErrorEnvelope } }),
        envelope: { details: 'result', id: 'id' },
      },
      (request, write) => payees.create(request.principalCustomersId, request.body, write),
    );
  }

  idempotentPost(
    app,
    '/api/v1/customer/payees/edit',
    {
      schema: protectedRoute({ tags, summary: "Replace a saved payee's details", body: EditPayeeBody, response: { 200: PayeeEnvelope, '4xx': ErrorEnvelope } }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => payees.edit(request.principalCustomersId, request.body, write),
  );

  app.get(
    '/api/v1/customer/payees/get',
    { schema: protectedRoute({ tags, summary: 'Get a saved payee', querystring: IdQuery, response: { 200: PayeeEnvelope, '4xx': ErrorEnvelope } }) },
    async (request) => success(await payees.get(request.principalCustomersId, request.query.Id), request.query.Id),
  );

  app.get(
    '/api/v1/customer/payees/list',
    {
      schema: protectedRoute({
        tags,
        summary: 'List saved payees (of one customer, or of all customers within reach)',
        querystring: ListPayeesQuery,
        response: { 200: pagedEnvelopeOf(PayeeView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      const result = await payees.list(request.principalCustomersId, q.CustomersId === 0 ? undefined : q.CustomersId, pageFrom(q, ctx.config.pageSizeMax));
      return paged(result.items, result);
    },
  );

  idempotentPost(
    app,
    '/api/v1/customer/payees/delete',
    {
      schema: protectedRoute({ tags, summary: 'Delete a saved payee', body: PayeesIdBody, response: { 200: envelopeOf(DeletedPayee), '4xx': ErrorEnvelope } }),
      envelope: { details: 'result', id: 'payeesId' },
    },
    (request, write) => payees.delete(request.principalCustomersId, request.body.PayeesId, write),
  );
}

function cancellationRoutes(app: RouteScope, services: TransferRouteServices): void {
  const tags = ['Transaction cancellation'];
  app.get(
    CANCEL_PATH,
    {
      schema: protectedRoute({
        tags,
        summary: 'Can this transaction be cancelled?',
        querystring: CancelCheckQuery,
        response: { 200: envelopeOf(CancelCheck), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      return success(await services.cancellations.check(request.principalCustomersId, q.TransactionsId, q.CustomersId === 0 ? undefined : q.CustomersId));
    },
  );
  idempotentPost(
    app,
    CANCEL_PATH,
    {
      schema: protectedRoute({
        tags,
        summary: 'Cancel a pending outbound bank transfer (funds and fee come back through rollbacks)',
        body: CancelBody,
        response: { 200: envelopeOf(Cancelled), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'transactionsId' },
    },
    (request, write) => {
      const b = request.body;
      const customersId = b.CustomersId === undefined || b.CustomersId === null || b.CustomersId === 0 ? undefined : b.CustomersId;
      return services.cancellations.cancel(request.principalCustomersId, b.TransactionsId, customersId, write);
    },
  );

  app.get(
    REVERSE_PATH,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Reverse-inbound-transfer details: eligibility and the reasons to choose from',
        querystring: TransactionsIdQuery,
        response: { 200: envelopeOf(ReversalDetails), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await services.reversals.details(request.principalCustomersId, request.query.TransactionsId)),
  );
  idempotentPost(
    app,
    REVERSE_PATH,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Send a completed inbound bank deposit back to its sender',
        body: ReverseBody,
        response: { 200: envelopeOf(Reversed), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'transactionsId' },
    },
    (request, write) => services.reversals.reverse(request.principalCustomersId, request.body, write),
  );
}

function achPullRoutes(app: RouteScope, achPulls: AchPullService): void {
  idempotentPost(
    app,
    '/api/v1/customer/payees/achpull',
    {
      schema: protectedRoute({
        tags: ['Payees (beneficiaries)'],
        summary: "Pull funds by ACH from a linked (verified) bank payee into the customer's USD account (pending until the bank settles it)",
        body: AchPullBody,
        response: { 200: envelopeOf(AchPullResult), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'transactionsId' },
    },
    (request, write) => achPulls.pull(request.principalCustomersId, request.body, write),
  );
}

function cardPayeeRoutes(app: RouteScope, cardPayees: CardPayeesService, ctx: ModuleContext): void {
  const tags = ['Payees (beneficiaries)'];
  const CardPayeeEnvelope = envelopeOf(CardPayeeView);
  idempotentPost(
    app,
    '/api/v3/customer/payees/card/create',
    {
      schema: protectedRoute({
        tags,
        summary: 'Save a Visa Direct card payee (the card number checked by Luhn, stored encrypted, shown as its last 4 digits)',
        body: CreateCardPayeeBody,
        response: { 200: CardPayeeEnvelope, '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => cardPayees.create(request.principalCustomersId, request.body, write),
  );
  app.get(
    '/api/v3/customer/payees/card/get',
    { schema: protectedRoute({ tags, summary: 'Get a card payee', querystring: IdQuery, response: { 200: CardPayeeEnvelope, '4xx': ErrorEnvelope } }) },
    async (request) => success(await cardPayees.get(request.principalCustomersId, request.query.Id), request.query.Id),
  );
  app.get(
    '/api/v3/customer/payees/card/list',
    {
      schema: protectedRoute({
        tags,
        summary: 'List card payees (of one customer, or of all customers within reach)',
        querystring: ListCardPayeesQuery,
        response: { 200: pagedEnvelopeOf(CardPayeeView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const q = request.query;
      const result = await cardPayees.list(request.principalCustomersId, q.CustomersId === 0 ? undefined : q.CustomersId, pageFrom(q, ctx.config.pageSizeMax));
      return paged(result.items, result);
    },
  );
}
