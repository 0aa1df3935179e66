import { success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { readMultipart } from '../http/multipart.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope } from '../shared/contract-envelope.js';
import type { BusinessService } from './business-service.js';
import {
  BusinessDocument,
  CreateBusinessBody,
  CreatedBusiness,
  CreationParameters,
  CustomersIdQuery,
  DeleteDocumentBody,
  DeletedDocument,
  SubmitVerificationBody,
  UploadDocumentFields,
  VerificationParameters,
  VerificationStatus,
} from './contract.js';
import type { KybService } from './kyb-service.js';

const TAGS = ['Business onboarding'];

/** The seven business-onboarding endpoints. */
export function businessRoutes(app: RouteScope, business: BusinessService, kyb: KybService): void {
  app.get(
    '/api/v2/customer/business/creationparameters',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Code lists for creating a business: ISO 3166 countries, fiat currencies, requestable products',
        response: { 200: envelopeOf(CreationParameters), '4xx': ErrorEnvelope },
      }),
    },
    async () => success(await business.creationParameters()),
  );

  idempotentPost(
    app,
    '/api/v2/customer/business/create',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Create a business: a managee of yours (a business customer), Pending until its KYB is decided',
        body: CreateBusinessBody,
        response: { 200: envelopeOf(CreatedBusiness), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => business.create(request.principalCustomersId, request.body, write),
  );

  app.get(
    '/api/v2/customer/business/verificationparameters',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "Code lists for a business's verification: countries, US states, activity types, source-of-fund types, volumes, document types",
        querystring: CustomersIdQuery,
        response: { 200: envelopeOf(VerificationParameters), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await business.verificationParameters(request.principalCustomersId, request.query.CustomersId)),
  );

  idempotentPost(
    app,
    '/api/v1/customer/business/uploaddocument',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Upload a business document (multipart/form-data: CustomersId, DocumentType, file Document; PDF, PNG or JPEG, checked from its content)',
        consumes: ['multipart/form-data'],
        body: UploadDocumentFields,
        response: { 200: envelopeOf(BusinessDocument), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'documentId' },
    },
    (request, write) =>
      kyb.upload(request.principalCustomersId, { customersId: request.body.CustomersId, documentType: request.body.DocumentType, files: readMultipart(request).files }, write),
  );

  idempotentPost(
    app,
    '/api/v1/customer/business/deletedocument',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Delete a business document (before the verification is submitted)',
        body: DeleteDocumentBody,
        response: { 200: envelopeOf(DeletedDocument), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'documentId' },
    },
    (request, write) => kyb.deleteDocument(request.principalCustomersId, request.body.CustomersId, request.body.DocumentId, write),
  );

  idempotentPost(
    app,
    '/api/v2/customer/business/submitverification',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "Submit the business's verification (KYB): its answers, with the required documents uploaded; then it awaits the decision",
        body: SubmitVerificationBody,
        response: { 200: envelopeOf(VerificationStatus), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'customersId' },
    },
    (request, write) => kyb.submit(request.principalCustomersId, request.body, write),
  );

  app.get(
    '/api/v1/customer/business/verificationstatus',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "A business's verification status, its documents and the required ones still missing",
        querystring: CustomersIdQuery,
        response: { 200: envelopeOf(VerificationStatus), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await kyb.status(request.principalCustomersId, request.query.CustomersId), request.query.CustomersId),
  );
}
