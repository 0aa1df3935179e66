import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { readMultipart } from '../http/multipart.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf } from '../shared/contract-envelope.js';
import { PairView } from '../markets/index.js';
import type { QuickBuyApiService } from './api-service.js';
import {
  AvailablePairsQuery,
  CardIdBody,
  CardIdQuery,
  CardsListQuery,
  CreateCustomerBody,
  CustomerView,
  DeletedCard,
  DocumentUploadFields,
  OrderGetQuery,
  OrdersListQuery,
  OrderView,
  QuoteBody,
  QuoteView,
  SavedCardView,
  SubmitBody,
  UploadedDocumentView,
} from './contract.js';
import { Type } from '@sinclair/typebox';

const TAGS = ['Quick Buy'];
const BASE = '/api/v1/customer/quick-buy';

/** The Quick Buy API (principal token and OTP, the common envelope). */
export function quickBuyRoutes(app: RouteScope, api: QuickBuyApiService, ctx: ModuleContext): void {
  const pageSizeMax = ctx.config.pageSizeMax;
  idempotentPost(
    app,
    `${BASE}/customers/create`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Create a QuickBuy customer (minimal onboarding; KYC stays Pending)',
        body: CreateCustomerBody,
        response: { 200: envelopeOf(CustomerView), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'customersId' },
    },
    (request, write) => api.createCustomer(request.principalCustomersId, request.body, write),
  );

  // With an IdempotencyKey, a retried upload stores its documents once (the key covers the text
  // fields; a retry must send the same files).
  idempotentPost(
    app,
    `${BASE}/customers/documentupload`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Upload KYC documents of a QuickBuy customer (multipart: CustomersId, DocumentType?, one or more files)',
        consumes: ['multipart/form-data'],
        body: DocumentUploadFields,
        response: { 200: envelopeOf(Type.Array(UploadedDocumentView)), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result' },
    },
    async (request, write) => {
      // The customer first: another principal's customer is not found, whatever the body is.
      await api.customer(request.principalCustomersId, request.body.CustomersId);
      const form = readMultipart(request);
      const stored = await api.uploadDocuments(request.principalCustomersId, request.body.CustomersId, request.body.DocumentType ?? null, form.files, write);
      return stored.map((d) => ({
        id: d.documentsId,
        customersId: d.customersId,
        fileName: d.fileName,
        documentType: d.documentType,
        contentType: d.contentType,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        addDate: d.addDate,
      }));
    },
  );

  app.get(
    `${BASE}/cards/list`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "A QuickBuy customer's saved cards (last 4 only)",
        querystring: CardsListQuery,
        response: { 200: pagedEnvelopeOf(SavedCardView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const page = await api.listCards(request.principalCustomersId, request.query.CustomersId, pageFrom(request.query, pageSizeMax));
      return paged(page.items, page);
    },
  );
  app.get(
    `${BASE}/cards/get`,
    { schema: protectedRoute({ tags: TAGS, summary: 'One saved card', querystring: CardIdQuery, response: { 200: envelopeOf(SavedCardView), '4xx': ErrorEnvelope } }) },
    async (request) => success(await api.getCard(request.principalCustomersId, request.query.Id), request.query.Id),
  );
  app.get(
    `${BASE}/availablepairs`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Crypto pairs a card (USD) can buy, with their limits',
        querystring: AvailablePairsQuery,
        response: { 200: pagedEnvelopeOf(PairView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const page = await api.availablePairs(pageFrom(request.query, pageSizeMax));
      return paged(page.items, page);
    },
  );
  idempotentPost(
    app,
    `${BASE}/quote`,
    {
      schema: protectedRoute({ tags: TAGS, summary: 'What a card total buys now (not binding)', body: QuoteBody, response: { 200: envelopeOf(QuoteView), '4xx': ErrorEnvelope } }),
      envelope: { details: 'result' },
    },
    (request, write) => api.quote(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${BASE}/submit`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Buy crypto with a saved card (CardId) or new card details (Card); capture and delivery follow',
        body: SubmitBody,
        response: { 200: envelopeOf(OrderView), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result' },
    },
    (request, write) => api.submit(request.principalCustomersId, request.body, write),
  );
  app.get(
    `${BASE}/list`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'QuickBuy orders, newest first',
        querystring: OrdersListQuery,
        response: { 200: pagedEnvelopeOf(OrderView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const page = await api.listOrders(request.principalCustomersId, request.query.CustomersId, pageFrom(request.query, pageSizeMax));
      return paged(page.items, page);
    },
  );
  app.get(
    `${BASE}/get`,
    { schema: protectedRoute({ tags: TAGS, summary: 'One QuickBuy order', querystring: OrderGetQuery, response: { 200: envelopeOf(OrderView), '4xx': ErrorEnvelope } }) },
    async (request) => success(await api.getOrder(request.principalCustomersId, request.query.Id)),
  );
  // Registered last: a generic walk over the routes (the isolation test) deletes the card at the end.
  idempotentPost(
    app,
    `${BASE}/cards/delete`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Delete a saved card (its sealed number is erased)',
        body: CardIdBody,
        response: { 200: envelopeOf(DeletedCard), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => api.deleteCard(request.principalCustomersId, request.body.Id, write),
  );
}
