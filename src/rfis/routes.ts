import { createHash } from 'node:crypto';
import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { MULTIPART_CONTENT_TYPE, readMultipart, type MultipartForm } from '../http/multipart.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope } from '../shared/contract-envelope.js';
import { DomainError } from '../shared/domain-error.js';
import {
  ANSWER_FIELD_PREFIX,
  DecideRfiBody,
  DOCUMENTS_FIELD,
  ListRfisQuery,
  OpenRfiBody,
  RfiDecided,
  RfiDetails,
  RfiDetailsEnvelope,
  RfiDetailsQuery,
  RfiListEnvelope,
  SubmitRfiFields,
  SubmitRfiResult,
} from './contract.js';
import type { RfisServices } from './module.js';

const TAGS = ['Information requests (RFIs)'];
const BASE = '/api/v1/customer/informationrequests';

/** Ibanera's three endpoints: the list, one request's details, and the customer's submission. */
export function rfiRoutes(app: RouteScope, services: RfisServices, ctx: ModuleContext): void {
  app.get(
    `${BASE}/getinformationrequestlist`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Information requests of the principal and its managees, newest first (Ibanera); `id` is the customer listed (the docs show a non-zero id)',
        querystring: ListRfisQuery,
        response: { 200: RfiListEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const { CustomersId } = request.query;
      if (CustomersId === 0) throw new DomainError('Invalid', 'CustomersId');
      const result = await services.rfis.list(request.principalCustomersId, CustomersId, pageFrom(request.query, ctx.config.pageSizeMax));
      return paged(result.items, result, CustomersId ?? request.principalCustomersId);
    },
  );

  app.get(
    `${BASE}/getinformationrequestdetails`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'One information request: its questions, answers, documents and the transaction it is about (path Ibanera; shape ours)',
        querystring: RfiDetailsQuery,
        response: { 200: RfiDetailsEnvelope, '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const id = request.query.Id ?? request.query.InformationRequestsId;
      if (id === undefined) throw new DomainError('Required', 'Id');
      const details = await services.rfis.details({ principalId: request.principalCustomersId }, id);
      return success(details, details.id);
    },
  );

  idempotentPost(
    app,
    `${BASE}/submitinformationrequest`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: `Answer an information request (Ibanera; multipart/form-data): InformationRequestsId, one ${ANSWER_FIELD_PREFIX}<questionId> field per text answer, files in ${DOCUMENTS_FIELD} (PDF, PNG or JPEG; field names ours)`,
        consumes: [MULTIPART_CONTENT_TYPE],
        body: SubmitRfiFields,
        response: { 200: envelopeOf(SubmitRfiResult), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
      requestDigest: (request) => formDigest(readMultipart(request)),
    },
    (request, write) => {
      const form = readMultipart(request);
      const id = request.body.InformationRequestsId ?? request.body.Id;
      if (id === undefined) throw new DomainError('Required', 'InformationRequestsId');
      return services.rfiSubmissions.submit(request.principalCustomersId, { informationRequestsId: id, fields: form.fields, files: form.files }, write);
    },
  );
}

/** Every text field and every file (name, field, SHA-256) of a form, for its idempotency hash. */
function formDigest(form: MultipartForm): string {
  const hash = createHash('sha256');
  for (const [name, value] of [...form.fields].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) hash.update(`f ${name.length} ${name} ${value.length} ${value}\n`);
  for (const file of form.files) hash.update(`d ${file.fieldName} ${file.fileName.length} ${file.fileName} ${createHash('sha256').update(file.bytes).digest('hex')}\n`);
  return hash.digest('hex');
}

const SIMULATION_TAGS = ['Simulated testing (sandbox only)'];

/** Sandbox: open a request about a transaction or exchange, and decide one as compliance would. */
export function rfiSimulationRoutes(app: RouteScope, services: RfisServices): void {
  idempotentPost(
    app,
    '/api/v1/customer/simulations/informationrequests',
    {
      schema: protectedRoute({
        tags: SIMULATION_TAGS,
        summary: 'Open an information request about a transaction or exchange (ours); a pending one is held for review',
        body: OpenRfiBody,
        response: { 200: envelopeOf(RfiDetails), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => services.rfis.open({ principalId: request.principalCustomersId }, request.body, write),
  );

  idempotentPost(
    app,
    '/api/v1/customer/simulations/informationrequests/decide',
    {
      schema: protectedRoute({
        tags: SIMULATION_TAGS,
        summary: 'Decide an information request as compliance would (ours): Accepted releases the held item, Rejected refunds it',
        body: DecideRfiBody,
        response: { 200: envelopeOf(RfiDecided), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) =>
      services.rfis.decide(
        { principalId: request.principalCustomersId },
        request.body.Id,
        request.body.Decision,
        request.body.Note === undefined ? {} : { note: request.body.Note },
        write,
      ),
  );
}
