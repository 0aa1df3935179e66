import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config/config.js';
import type { DatabaseHandle } from '../../../db/open-database.js';
import type { ManageeInput, ManageesService } from '../../../managees/index.js';
import type { Clock } from '../../../shared/clock.js';
import { JsonNumber } from '../../../shared/exact-json.js';
import { paged, success } from '../../envelope.js';
import { idempotent } from '../../idempotency.js';
import { pageFrom, pagingQueryFields } from '../../paging.js';
import { envelopeOf, ErrorEnvelope, pagedEnvelopeOf, protectedRoute } from '../../route-schema.js';
import { Type } from '@sinclair/typebox';
import { CreatedManagee, CreateManageeBody, MANAGEE_CORE_FIELDS, ManageeListItem } from './managee-schemas.js';

export interface ManageeRouteDeps {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly clock: Clock;
  readonly managees: ManageesService;
}

const TAGS = ['Managees'];
/** Every version of the create path seen (the docs' v2 anchor, a real client's v5). */
export const CREATE_MANAGEE_PATHS = ['/api/v2/customer/managees/create', '/api/v3/customer/managees/create', '/api/v4/customer/managees/create', '/api/v5/customer/managees/create'] as const;

type Body = Record<string, unknown>;

/** Exact numbers from the questionnaire are kept as their literal text in the stored profile. */
function profileOf(body: Body): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (MANAGEE_CORE_FIELDS.has(key) || value === undefined) continue;
    profile[key] = value instanceof JsonNumber ? value.text : value;
  }
  return profile;
}

export function manageeRoutes(app: FastifyInstance, deps: ManageeRouteDeps): void {
  // Base64 grows a document by 4/3; leave room for the rest of the questionnaire.
  const bodyLimit = Math.max(deps.config.bodySizeMaxBytes, Math.ceil((deps.config.documentSizeMaxBytes * 4) / 3) + 65_536);
  for (const path of CREATE_MANAGEE_PATHS) {
    app.post<{ Body: Body }>(
      path,
      {
        bodyLimit,
        schema: protectedRoute({
          tags: TAGS,
          summary: 'Create a managee (a customer you manage); answers the identity-verification link',
          body: CreateManageeBody,
          response: { 200: envelopeOf(CreatedManagee), '4xx': ErrorEnvelope },
        }),
      },
      (request, reply) => {
        const input = { ...(request.body as unknown as Omit<ManageeInput, 'profile'>), profile: profileOf(request.body) };
        return idempotent(request, reply, deps.database.reader, deps.clock, (ctx) => deps.managees.create(request.principalCustomersId, input, ctx), (result) => success(result, result.manageesId));
      },
    );
  }

  app.get<{ Querystring: { PageNumber?: number; PageSize?: number } }>(
    '/api/v2/customer/managees/list',
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'List your managees',
        querystring: Type.Object(pagingQueryFields),
        response: { 200: pagedEnvelopeOf(ManageeListItem), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const result = await deps.managees.list(request.principalCustomersId, pageFrom(request.query, deps.config.pageSizeMax));
      return paged(result.items, result);
    },
  );
}
