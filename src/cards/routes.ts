import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { MULTIPART_CONTENT_TYPE, readMultipart } from '../http/multipart.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf, PagingQuery } from '../shared/contract-envelope.js';
import type { CardAuthorizationsService } from './card-authorizations-service.js';
import type { CardDocumentsService } from './card-documents-service.js';
import type { CardReadsService } from './card-reads-service.js';
import type { CardTransfersService } from './card-transfers-service.js';
import type { CardsService } from './cards-service.js';
import { complianceFields } from './compliance-fields.js';
import { DomainError } from '../shared/domain-error.js';
import {
  ActivatedCard,
  Approval,
  ApprovalBody,
  Authorization,
  AuthorizationBody,
  AuthorizationEnded,
  AuthorizationIdBody,
  CaptureBody,
  CardBalanceItem,
  CardDetails,
  CardIdBody,
  CardIdQuery,
  CardTransactionItem,
  CardTransactionsQuery,
  CardTransfer,
  ChangePinBody,
  ComplianceFields,
  CreateCardBody,
  CreatedCard,
  CustomerCards,
  CustomerCardsItem,
  CustomersQuery,
  DocumentUploaded,
  DocumentUploadFields,
  MoveFundsBody,
  PagingCustomersQuery,
  PinChanged,
  Refund,
  RefundBody,
  ReviewDetails,
  SensitiveDetails,
  TopUpBody,
  TransferFundsBody,
} from './contract.js';

export interface CardRouteServices {
  readonly cards: CardsService;
  readonly cardReads: CardReadsService;
  readonly cardTransfers: CardTransfersService;
  readonly cardAuthorizations: CardAuthorizationsService;
  readonly cardDocuments: CardDocumentsService;
}

const TAGS = ['Cards'];
const BASE = '/api/v1/customer/cards';

/** The Cards chapter (every card route needs the `otp` header, as documented). */
export function cardsRoutes(app: RouteScope, services: CardRouteServices, ctx: ModuleContext): void {
  issueRoutes(app, services.cards);
  documentRoutes(app, services.cardDocuments);
  lifecycleRoutes(app, services.cards);
  readRoutes(app, services.cardReads, ctx);
  transferRoutes(app, services.cardTransfers);
}

function issueRoutes(app: RouteScope, cards: CardsService): void {
  app.get(
    `${BASE}/compliancefields`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'The code lists of the older create body (Source of Funds Types ids included) and the card options',
        response: { 200: envelopeOf(ComplianceFields), '4xx': ErrorEnvelope },
      }),
    },
    () => success(complianceFields()),
  );
  for (const [path, withDda] of [
    [`${BASE}/create`, false],
    [`${BASE}/create-with-dda`, true],
  ] as const) {
    idempotentPost(
      app,
      path,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: withDda
            ? 'Create a card against the customer’s DDA (US shipping only; the issue fee is taken from the DDA)'
            : 'Create a card (new body, or the older one with compliance codes); it starts Deactivated; opens a USD account (DDA) if the customer has none',
          body: CreateCardBody,
          response: { 200: envelopeOf(CreatedCard), '4xx': ErrorEnvelope },
        }),
        envelope: { details: 'result', id: 'id' },
      },
      (request, write) => cards.create(request.principalCustomersId, request.body, withDda, write),
    );
  }
}

function documentRoutes(app: RouteScope, documents: CardDocumentsService): void {
  idempotentPost(
    app,
    `${BASE}/documentupload`,
    {
      schema: {
        ...protectedRoute({
          tags: TAGS,
          summary:
            'Upload a card document (multipart/form-data): customersId, type (Tax Document or Corporate Authorization Document), documentSide (Front by default, Back), one file (PDF, PNG or JPEG)',
          body: DocumentUploadFields,
          response: { 200: envelopeOf(DocumentUploaded), '4xx': ErrorEnvelope },
        }),
        consumes: [MULTIPART_CONTENT_TYPE],
      },
      envelope: { details: 'result', id: 'documentsId' },
    },
    async (request, write) => {
      const form = readMultipart(request);
      if (form.files.length > 1) throw new DomainError('Invalid', 'file');
      const b = request.body;
      return documents.upload(request.principalCustomersId, { customersId: b.customersId, type: b.type, documentSide: b.documentSide, file: form.files[0] }, write);
    },
  );
}

function lifecycleRoutes(app: RouteScope, cards: CardsService): void {
  for (const [path, active] of [
    [`${BASE}/activate`, true],
    [`${BASE}/deactivate`, false],
  ] as const) {
    idempotentPost(
      app,
      path,
      {
        schema: protectedRoute({
          tags: TAGS,
          summary: active ? 'Activate a card (Card_Active when already active)' : 'Deactivate a card (Card_Inactive when it is not active)',
          body: CardIdBody,
          response: { 200: envelopeOf(ActivatedCard), '4xx': ErrorEnvelope },
        }),
        envelope: { details: 'result', id: 'id' },
      },
      (request, write) => (active ? cards.activate(request.principalCustomersId, request.body, write) : cards.deactivate(request.principalCustomersId, request.body, write)),
    );
  }
  idempotentPost(
    app,
    `${BASE}/changecardpin`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Set (first time, no OldPin) or change the card PIN: four digits, not trivial; locked after CARD_PIN_FAILURES_MAX wrong old PINs',
        body: ChangePinBody,
        response: { 200: envelopeOf(PinChanged), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result' },
    },
    (request, write) => cards.changePin(request.principalCustomersId, request.body, write),
  );
}

function readRoutes(app: RouteScope, reads: CardReadsService, ctx: ModuleContext): void {
  const pageSizeMax = ctx.config.pageSizeMax;
  app.get(
    `${BASE}/reviewcreatecard`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Review customer details before creating a card',
        querystring: CustomersQuery,
        response: { 200: envelopeOf(ReviewDetails), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await reads.reviewDetails(request.principalCustomersId, request.query)),
  );
  app.get(
    `${BASE}/byuser/list`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Cards of every customer within reach, by customer',
        querystring: PagingQuery,
        response: { 200: pagedEnvelopeOf(CustomerCardsItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const result = await reads.listByUser(request.principalCustomersId, pageFrom(request.query, pageSizeMax));
      return paged(result.items, result);
    },
  );
  app.get(
    `${BASE}/byuser`,
    {
      schema: protectedRoute({ tags: TAGS, summary: 'The cards of one customer', querystring: CustomersQuery, response: { 200: envelopeOf(CustomerCards), '4xx': ErrorEnvelope } }),
    },
    async (request) => success(await reads.byUser(request.principalCustomersId, request.query)),
  );
  app.get(
    `${BASE}/carddetails`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Card details (no number, CVC or PIN)',
        querystring: CardIdQuery,
        response: { 200: envelopeOf(CardDetails), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const details = await reads.details(request.principalCustomersId, request.query);
      return success(details, details.id);
    },
  );
  app.get(
    `${BASE}/sensitive-details`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'The card number, CVC and expiry (each read is recorded in an audit table, without the values)',
        querystring: CardIdQuery,
        response: { 200: envelopeOf(SensitiveDetails), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await reads.sensitiveDetails(request.principalCustomersId, request.query)),
  );
  app.get(
    `${BASE}/balances`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Card balances (of one customer, or of every card within reach)',
        querystring: PagingCustomersQuery,
        response: { 200: pagedEnvelopeOf(CardBalanceItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const result = await reads.balances(request.principalCustomersId, request.query, pageFrom(request.query, pageSizeMax));
      return paged(result.items, result);
    },
  );
  app.get(
    `${BASE}/transactions`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'A card’s transactions, newest first (pending and settled)',
        querystring: CardTransactionsQuery,
        response: { 200: pagedEnvelopeOf(CardTransactionItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const result = await reads.transactions(request.principalCustomersId, request.query, pageFrom(request.query, pageSizeMax));
      return paged(result.items, result);
    },
  );
}

function transferRoutes(app: RouteScope, transfers: CardTransfersService): void {
  const envelope = { details: 'result', id: 'FromTransactionId' } as const;
  const response = { 200: envelopeOf(CardTransfer), '4xx': ErrorEnvelope };
  idempotentPost(
    app,
    `${BASE}/transferfunds`,
    {
      schema: protectedRoute({ tags: TAGS, summary: 'Move funds: TopUpCard (account to card), TopUpAccount (card to account), CardToCard', body: TransferFundsBody, response }),
      envelope,
    },
    (request, write) => transfers.transferFunds(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${BASE}/topup`,
    { schema: protectedRoute({ tags: TAGS, summary: 'Older top-up: Deposit (account to card) or Withdraw (card to account)', body: TopUpBody, response }), envelope },
    (request, write) => transfers.topUp(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${BASE}/movefunds`,
    { schema: protectedRoute({ tags: TAGS, summary: 'Older card-to-card move', body: MoveFundsBody, response }), envelope },
    (request, write) => transfers.moveFunds(request.principalCustomersId, request.body, write),
  );
}

/** Sandbox only: the simulated card network drives purchases and approvals. */
export function cardSimulationRoutes(app: RouteScope, services: CardRouteServices): void {
  const tags = ['Simulated testing (sandbox only)'];
  const SIM = '/api/v1/customer/simulations/cards';
  const auths = services.cardAuthorizations;
  idempotentPost(
    app,
    `${SIM}/authorizations`,
    {
      schema: protectedRoute({
        tags,
        summary: 'A merchant authorization: a hold on the card (pending row), or a decline with its reason (Card_Inactive, Card_Limit_Exceeded, Insufficient_Funds)',
        body: AuthorizationBody,
        response: { 200: envelopeOf(Authorization), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'authorizationId' },
    },
    (request, write) => auths.authorize(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${SIM}/captures`,
    {
      schema: protectedRoute({
        tags,
        summary: 'Capture an authorization in full or in part; the rest is released',
        body: CaptureBody,
        response: { 200: envelopeOf(AuthorizationEnded), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'authorizationId' },
    },
    (request, write) => auths.capture(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${SIM}/reversals`,
    {
      schema: protectedRoute({
        tags,
        summary: 'Reverse a pending authorization (all of it is released)',
        body: AuthorizationIdBody,
        response: { 200: envelopeOf(AuthorizationEnded), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'authorizationId' },
    },
    (request, write) => auths.reverse(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${SIM}/refunds`,
    {
      schema: protectedRoute({ tags, summary: 'A merchant refund credits the card', body: RefundBody, response: { 200: envelopeOf(Refund), '4xx': ErrorEnvelope } }),
      envelope: { details: 'result', id: 'cardTransactionsId' },
    },
    (request, write) => auths.refund(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${SIM}/approvals`,
    {
      schema: protectedRoute({
        tags,
        summary: "Approve or reject a managee card's request (MANAGEE_CARD_APPROVAL_UPDATED)",
        body: ApprovalBody,
        response: { 200: envelopeOf(Approval), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'TopUpCardsId' },
    },
    (request, write) => services.cards.decideApproval(request.principalCustomersId, request.body, true, write),
  );
}
