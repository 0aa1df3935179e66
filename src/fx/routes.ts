import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { PairView, type MarketsService } from '../markets/index.js';
import { envelopeOf, ErrorEnvelope, PagingQuery, pagedEnvelopeOf } from '../shared/contract-envelope.js';
import { AccountDetails, AccountDetailsQuery, ExecuteBody, FxExchangeView, FxListQuery, FxQuote, FxQuoteBody } from './contract.js';
import type { FxService } from './fx-service.js';

export interface FxRouteServices {
  readonly fx: FxService;
  readonly markets: MarketsService;
}

const TAGS = ['Foreign currency exchange'];
const BASE = '/api/v1/customer/foreign-exchanges';

/** The Foreign Currency Exchange chapter. */
export function fxRoutes(app: RouteScope, services: FxRouteServices, ctx: ModuleContext): void {
  const { fx } = services;
  app.get(
    `${BASE}/pairs`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Currency pairs that convert (Ibanera)',
        querystring: PagingQuery,
        response: { 200: pagedEnvelopeOf(PairView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const page = await services.markets.pairs('fx', pageFrom(request.query, ctx.config.pageSizeMax));
      return paged(page.items, page);
    },
  );
  app.get(
    `${BASE}/account-details`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Candidate source and destination accounts (Ibanera)',
        querystring: AccountDetailsQuery,
        response: { 200: envelopeOf(AccountDetails), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => success(await fx.accountDetails(request.principalCustomersId, request.query)),
  );
  idempotentPost(
    app,
    `${BASE}/quote`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'A binding quote for FX_QUOTE_TTL_SECONDS (exactly one of SourceAmount, DestinationAmount)',
        body: FxQuoteBody,
        response: { 200: envelopeOf(FxQuote), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => fx.quote(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${BASE}/execute`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Execute a quote once, within its life (Quote_Expired otherwise)',
        body: ExecuteBody,
        response: { 200: envelopeOf(FxExchangeView), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => fx.execute(request.principalCustomersId, request.body.QuoteId, write),
  );
  app.get(
    `${BASE}/list`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Executed foreign exchanges, newest first',
        querystring: FxListQuery,
        response: { 200: pagedEnvelopeOf(FxExchangeView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const page = await fx.list(request.principalCustomersId, request.query, pageFrom(request.query, ctx.config.pageSizeMax));
      return paged(page.items, page);
    },
  );
}
