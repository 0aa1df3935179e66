import type { ModuleContext } from '../api-module.js';
import { paged } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf, PagingQuery } from '../shared/contract-envelope.js';
import { JsonNumber } from '../shared/exact-json.js';
import {
  CreatedManagee,
  CreateManageeBody,
  IdentityCheckCompleted,
  KycDecided,
  KycSimulationBody,
  MANAGEE_CORE_FIELDS,
  ManageeListItem,
  ManageesIdBody,
  VerificationTokenParams,
  type ManageeInput,
} from './contract.js';
import type { ManageesService } from './managees-service.js';

const TAGS = ['Managees'];
/** Every version of the create path seen (the docs' v2 anchor, a real client's v5). */
export const CREATE_MANAGEE_PATHS = [
  '/api/v2/customer/managees/create',
  '/api/v3/customer/managees/create',
  '/api/v4/customer/managees/create',
  '/api/v5/customer/managees/create',
] as const;

/** Exact numbers from the questionnaire are kept as their literal text in the stored profile. */
function profileOf(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (MANAGEE_CORE_FIELDS.has(key) || value === undefined) continue;
    profile[key] = value instanceof JsonNumber ? value.text : value;
  }
  return profile;
}

/** Create and list managees. */
export function manageeRoutes(app: RouteScope, managees: ManageesService, ctx: ModuleContext): void {
  // Base64 grows a document by 4/3; leave room for the rest of the questionnaire.
  const bodyLimit = Math.max(ctx.config.bodySizeMaxBytes, Math.ceil((ctx.config.documentSizeMaxBytes * 4) / 3) + 65_536);
  for (const path of CREATE_MANAGEE_PATHS) {
    idempotentPost(
      app,
      path,
      {
        bodyLimit,
        schema: protectedRoute({
          tags: TAGS,
          summary: 'Create a managee (a customer you manage); answers the identity-verification link',
          body: CreateManageeBody,
          response: { 200: envelopeOf(CreatedManagee), '4xx': ErrorEnvelope },
        }),
        envelope: { details: 'result', id: 'manageesId' },
      },
      (request, write) => {
        const input: ManageeInput = { ...request.body, profile: profileOf(request.body) };
        return managees.create(request.principalCustomersId, input, write);
      },
    );
  }

  app.get(
    '/api/v2/customer/managees/list',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'List your managees',
        querystring: PagingQuery,
        response: { 200: pagedEnvelopeOf(ManageeListItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const result = await managees.list(request.principalCustomersId, pageFrom(request.query, ctx.config.pageSizeMax));
      return paged(result.items, result);
    },
  );
}

const SIMULATION_TAGS = ['Simulated testing (sandbox only)'];

/** Sandbox drivers of the managee KYC lifecycle (ours); each fires its callback. */
export function manageeSimulationRoutes(app: RouteScope, managees: ManageesService): void {
  idempotentPost(
    app,
    '/api/v1/customer/simulations/managees/jumio-completed',
    {
      schema: protectedRoute({
        tags: SIMULATION_TAGS,
        summary: "Simulate the managee's identity check completing (fires MANAGEE_JUMIO_COMPLETED)",
        body: ManageesIdBody,
        response: { 200: envelopeOf(IdentityCheckCompleted), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'manageesId' },
    },
    (request, write) => managees.identityCheckCompleted(request.principalCustomersId, request.body.ManageesId, write),
  );

  idempotentPost(
    app,
    '/api/v1/customer/simulations/managees/kyc',
    {
      schema: protectedRoute({
        tags: SIMULATION_TAGS,
        summary: 'Simulate the compliance decision (fires MANAGEE_KYC_UPDATED); acceptance opens an account per asset the manager holds',
        body: KycSimulationBody,
        response: { 200: envelopeOf(KycDecided), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'manageesId' },
    },
    (request, write) => {
      const b = request.body;
      const decision = b.VerificationStatus === 'Accepted' ? ({ status: 'Accepted' } as const) : ({ status: 'Rejected', reason: b.RejectReason ?? null } as const);
      return managees.decideKyc(request.principalCustomersId, b.ManageesId, decision, write);
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page a sandbox `jumioLink` opens: says what it stands for and how to move the managee on. */
export function identityVerificationPage(app: RouteScope, managees: ManageesService): void {
  app.get('/sandbox/identity-verification/:token', { schema: { hide: true, params: VerificationTokenParams } }, async (request, reply) => {
    const found = /^[0-9a-f]{32}$/.test(request.params.token) ? await managees.findByVerificationToken(request.params.token) : null;
    if (found === null) return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>Not found</title><p>No such verification link.</p>');
    const status = escapeHtml(`${found.verificationStatus}${found.bJumioCompleted ? ' (identity check completed)' : ''}`);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Identity verification (sandbox)</title>` +
          `<h1>Identity verification — sandbox stand-in</h1>` +
          `<p>On Ibanera this link opens Jumio, where the managee proves their identity. This sandbox has no Jumio.</p>` +
          `<p>Managee <b>${found.manageesId}</b>: ${status}.</p>` +
          `<p>Drive the lifecycle with <code>POST /api/v1/customer/simulations/managees/jumio-completed {"ManageesId": ${found.manageesId}}</code>, ` +
          `then <code>POST /api/v1/customer/simulations/managees/kyc {"ManageesId": ${found.manageesId}, "VerificationStatus": "Accepted"}</code>.</p>`,
      );
  });
}
