import type { ModuleContext } from '../api-module.js';
import { paged, success } from '../http/envelope.js';
import { idempotentPost } from '../http/idempotency.js';
import { pageFrom } from '../http/paging.js';
import { protectedRoute } from '../http/route-schema.js';
import type { RouteScope } from '../http/type-provider.js';
import { PairView, type MarketsService } from '../markets/index.js';
import { envelopeOf, ErrorEnvelope, IdQuery, PagingQuery, pagedEnvelopeOf } from '../shared/contract-envelope.js';
import { BuyBody, ExchangeIdBody, ExchangeIdQuery, ExchangeView, ListExchangesQuery, QuoteBody, QuoteView, SellBody } from './contract.js';
import type { ExchangesService } from './exchanges-service.js';

export interface ExchangeRouteServices {
  readonly exchanges: ExchangesService;
  readonly markets: MarketsService;
}

const TAGS = ['Crypto exchanges'];
const BASE = '/api/v1/customer/crypto-exchanges';

/** The Crypto Exchanges chapter. */
export function exchangesRoutes(app: RouteScope, services: ExchangeRouteServices, ctx: ModuleContext): void {
  const { exchanges } = services;
  app.get(
    `${BASE}/availablepairs`,
    { schema: protectedRoute({ tags: TAGS, summary: 'Pairs that trade (Ibanera)', querystring: PagingQuery, response: { 200: pagedEnvelopeOf(PairView), '4xx': ErrorEnvelope } }) },
    async (request) => {
      const page = await services.markets.pairs('crypto', pageFrom(request.query, ctx.config.pageSizeMax));
      return paged(page.items, page);
    },
  );
  idempotentPost(
    app,
    `${BASE}/quote`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Price a buy or a sell now (not binding; ours)',
        body: QuoteBody,
        response: { 200: envelopeOf(QuoteView), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'quoteId' },
    },
    (request, write) => exchanges.quote(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${BASE}/buy`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Buy crypto: executes at once at the current price, unless it needs approval (Ibanera body)',
        body: BuyBody,
        response: { 200: envelopeOf(ExchangeView), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => exchanges.buy(request.principalCustomersId, request.body, write),
  );
  idempotentPost(
    app,
    `${BASE}/sell`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Sell crypto: holds the amount and waits for confirmation within the quote life (IdempotencyKey header accepted)',
        body: SellBody,
        response: { 200: envelopeOf(ExchangeView), '4xx': ErrorEnvelope },
      }),
      envelope: { details: 'result', id: 'id' },
    },
    (request, write) => exchanges.sell(request.principalCustomersId, request.body, write),
  );
  app.get(
    `${BASE}/reviewquote`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'A fresh quote for a waiting sell (ours)',
        querystring: ExchangeIdQuery,
        response: { 200: envelopeOf(QuoteView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const quote = await exchanges.reviewQuote(request.principalCustomersId, request.query.ExchangeId);
      return success(quote, quote.quoteId);
    },
  );
  const step = (path: string, summary: string, run: (principalId: number, id: number, write: Parameters<ExchangesService['cancel']>[2]) => Promise<ExchangeView>) =>
    idempotentPost(
      app,
      `${BASE}/${path}`,
      {
        schema: protectedRoute({ tags: TAGS, summary, body: ExchangeIdBody, response: { 200: envelopeOf(ExchangeView), '4xx': ErrorEnvelope } }),
        envelope: { details: 'result', id: 'id' },
      },
      (request, write) => run(request.principalCustomersId, request.body.ExchangeId, write),
    );
  step('confirmsell', 'Execute a waiting sell at its latest quote (Quote_Expired after its life)', (p, id, w) => exchanges.confirmSell(p, id, w));
  step('cancel', 'Cancel a sell still waiting for confirmation; the hold is released', (p, id, w) => exchanges.cancel(p, id, w));
  app.get(
    `${BASE}/list`,
    {
      schema: protectedRoute({
        tags: TAGS,
        summary: 'Exchanges, newest first',
        querystring: ListExchangesQuery,
        response: { 200: pagedEnvelopeOf(ExchangeView), '4xx': ErrorEnvelope },
      }),
    },
    async (request) => {
      const page = await exchanges.list(request.principalCustomersId, request.query, pageFrom(request.query, ctx.config.pageSizeMax));
      return paged(page.items, page);
    },
  );
  app.get(
    `${BASE}/get`,
    { schema: protectedRoute({ tags: TAGS, summary: 'One exchange', querystring: IdQuery, response: { 200: envelopeOf(ExchangeView), '4xx': ErrorEnvelope } }) },
    async (request) => {
      const view = await exchanges.get(request.principalCustomersId, request.query.Id);
      return success(view, view.id);
    },
  );
}
