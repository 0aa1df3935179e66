import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { ManageesService } from '../../../managees/index.js';
import type { Clock } from '../../../shared/clock.js';
import { success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { envelopeOf, ErrorEnvelope, protectedRoute } from '../../route-schema.js';
import { EnumField, IdField, StringField } from '../../schema-types.js';

export interface ManageeSimulationDeps {
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly managees: ManageesService;
}

const TAGS = ['Simulated testing (sandbox only)'];
export const REJECT_REASON_LENGTH_MAX = 500;

/** Sandbox drivers of the managee KYC lifecycle (ours); each fires its callback. */
export function manageeSimulationRoutes(app: FastifyInstance, deps: ManageeSimulationDeps): void {
  app.post<{ Body: { ManageesId: number } }>(
    '/api/v1/customer/simulations/managees/jumio-completed',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: "Simulate the managee's identity check completing (fires MANAGEE_JUMIO_COMPLETED)",
        body: Type.Object({ ManageesId: IdField() }),
        response: { 200: envelopeOf(Type.Object({ manageesId: Type.Integer(), dateJumioCompleted: Type.String() })), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) =>
      idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.managees.identityCheckCompleted(request.principalCustomersId, request.body.ManageesId, ctx), (r) => success(r, r.manageesId)),
  );

  app.post<{ Body: { ManageesId: number; VerificationStatus: 'Accepted' | 'Rejected'; RejectReason?: string } }>(
    '/api/v1/customer/simulations/managees/kyc',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Simulate the compliance decision (fires MANAGEE_KYC_UPDATED); acceptance opens an account per asset the manager holds',
        body: Type.Object({
          ManageesId: IdField(),
          VerificationStatus: EnumField(['Accepted', 'Rejected'] as const),
          RejectReason: Type.Optional(StringField({ maxLength: REJECT_REASON_LENGTH_MAX })),
        }),
        response: { 200: envelopeOf(Type.Object({ manageesId: Type.Integer(), verificationStatus: Type.String(), accountsIds: Type.Array(Type.Integer()) })), '4xx': ErrorEnvelope },
      }),
    },
    (request, reply) => {
      const b = request.body;
      const decision = b.VerificationStatus === 'Accepted' ? ({ status: 'Accepted' } as const) : ({ status: 'Rejected', reason: b.RejectReason ?? null } as const);
      return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.managees.decideKyc(request.principalCustomersId, b.ManageesId, decision, ctx), (r) => success(r, r.manageesId));
    },
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page a sandbox `jumioLink` opens: says what it stands for and how to move the managee on. */
export function identityVerificationPage(app: FastifyInstance, managees: ManageesService): void {
  app.get<{ Params: { token: string } }>(
    '/sandbox/identity-verification/:token',
    { schema: { hide: true, params: Type.Object({ token: StringField({ maxLength: 64 }) }) } },
    async (request, reply) => {
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
    },
  );
}

