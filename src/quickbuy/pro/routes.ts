import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../api-module.js';
import { idempotentPost } from '../../http/idempotency.js';
import type { RouteScope } from '../../http/type-provider.js';
import { DomainError } from '../../shared/domain-error.js';
import { messageCodeInfo, type MessageCode } from '../../shared/error-catalog.js';
import { JsonParseError } from '../../shared/exact-json.js';
import type { ApiKeyRow } from '../api-keys.js';
import { OrderIdQuery, ProCreateBody, ProDeleted, ProFailure, ProListQuery, ProListSuccess, ProSuccess } from '../contract.js';
import { peekFormToken } from '../form-tokens.js';
import { messageFor, pageHeaders, renderPage, renderRefusal, renderWidgetForm, renderWidgetResult } from '../page.js';
import { PAY_CSS, PAY_JS, WIDGET_JS } from '../page-assets.js';
import type { PaymentForm, PaymentService } from '../payment-service.js';
import type { ProService } from '../pro-service.js';

const TAGS = ['QuickBuy Pro'];
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface ProRouteServices {
  readonly pro: ProService;
  readonly payments: PaymentService;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Pro's own envelope for errors: `{success: false, message}` (plus the code and field, ours). */
function proFailure(reply: FastifyReply, messageCode: MessageCode, fieldName: string): FastifyReply {
  const message = messageCode === 'Not_Found' && fieldName === 'OrderID' ? 'Order not found.' : `${messageCode}${fieldName === '' ? '' : `: ${fieldName}`}`;
  return reply.code(messageCodeInfo(messageCode).httpStatus).type('application/json; charset=utf-8').send({ success: false, message, messageCode, fieldName });
}

/** QuickBuy Pro (`/quickbuy/v1/…`, API key), the hosted payment page and the widget (public). */
export function proRoutes(app: RouteScope, services: ProRouteServices, ctx: ModuleContext): void {
  void app.register(async (scope) => proApi(scope as RouteScope, services.pro, ctx));
  void app.register(async (scope) => pages(scope as RouteScope, services.payments, ctx));
}

function proApi(app: RouteScope, pro: ProService, ctx: ModuleContext): void {
  const keys = new WeakMap<FastifyRequest, ApiKeyRow>();
  const keyOf = (request: FastifyRequest) => keys.get(request) as ApiKeyRow;
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof DomainError) {
      const first = error.errors[0];
      return proFailure(reply, first?.messageCode ?? 'Invalid', first?.fieldName ?? '');
    }
    if (error instanceof JsonParseError) return proFailure(reply, error.kind === 'syntax' ? 'Malformed_Json' : 'Payload_Too_Large', 'body');
    const status = (error as FastifyError).statusCode;
    if (status === 413) return proFailure(reply, 'Payload_Too_Large', 'body');
    if (status === 415) return proFailure(reply, 'Unsupported_Media_Type', 'body');
    if (status !== undefined && status >= 400 && status < 500) return proFailure(reply, 'Invalid', '');
    request.log.error({ err: error }, 'unhandled error');
    return proFailure(reply, 'Internal_Error', '');
  });
  app.addHook('onRequest', async (request) => {
    keys.set(request, await pro.authenticate(header(request, 'authorization'), header(request, 'x-api-key')));
  });
  const security = [{ quickbuyKey: [] }];
  const failures = { '4xx': ProFailure };
  // With an IdempotencyKey, a retried create answers the first payment again and makes no second one.
  idempotentPost(
    app,
    '/quickbuy/v1/create',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a payment; answers its PaymentURL (the hosted payment page)',
        security,
        body: ProCreateBody,
        response: { 200: ProSuccess, ...failures },
      },
      envelope: { details: 'pro' },
      ownerOf: (request) => keyOf(request).principal_customers_id,
    },
    (request, write) => pro.create(keyOf(request), request.body, write),
  );
  app.get(
    '/quickbuy/v1/get',
    { schema: { tags: TAGS, summary: 'One payment by OrderID', security, querystring: OrderIdQuery, response: { 200: ProSuccess, ...failures } } },
    async (request) => ({ success: true, details: await pro.get(keyOf(request), request.query) }),
  );
  app.get(
    '/quickbuy/v1/list',
    {
      schema: {
        tags: TAGS,
        summary: 'Payments, newest first (PageSize ≤ 1000, HideExpired, State)',
        security,
        querystring: ProListQuery,
        response: { 200: ProListSuccess, ...failures },
      },
    },
    async (request) => {
      const page = await pro.list(keyOf(request), request.query);
      return { success: true, details: page.items, pageSize: page.pageSize, pageNumber: page.pageNumber };
    },
  );
  app.delete(
    '/quickbuy/v1/delete',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a payment still NOT_STARTED; its page stops working',
        security,
        querystring: OrderIdQuery,
        response: { 200: ProDeleted, ...failures },
      },
    },
    async (request) => ({ success: true, message: 'Order Deleted', id: await pro.delete(keyOf(request), request.query) }),
  );
  void ctx;
}

const formOf = (body: unknown): PaymentForm => (typeof body === 'object' && body !== null ? (body as PaymentForm) : {});

function pages(app: RouteScope, payments: PaymentService, ctx: ModuleContext): void {
  const sandbox = ctx.config.mode === 'sandbox';
  const asset = ctx.config.quickbuyProAsset;
  // The page's form posts urlencoded fields; the first of a repeated field counts. Never logged.
  app.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'string', bodyLimit: ctx.config.quickbuyFormBodySizeMaxBytes }, (_request, body, done) => {
    const fields: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(body as string)) if (!(name in fields)) fields[name] = value;
    done(null, fields);
  });
  const hidden = { hide: true } as const;
  const html = (reply: FastifyReply, status: number, body: string, frameOrigin: string | null) => reply.code(status).headers(pageHeaders(frameOrigin)).send(body);
  const asset200 = (reply: FastifyReply, type: string, body: string) =>
    reply
      .code(200)
      .headers({ 'content-type': type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'cross-origin' })
      .send(body);

  app.get('/quickbuy/assets/pay.css', { schema: hidden }, (_request, reply) => asset200(reply, 'text/css; charset=utf-8', PAY_CSS));
  app.get('/quickbuy/assets/pay.js', { schema: hidden }, (_request, reply) => asset200(reply, 'text/javascript; charset=utf-8', PAY_JS));
  app.get('/quickbuy/widget.js', { schema: hidden }, (_request, reply) => asset200(reply, 'text/javascript; charset=utf-8', WIDGET_JS));

  app.get<{ Params: { orderId: string } }>('/quickbuy/pay/:orderId', { schema: hidden }, async (request, reply) => {
    const page = renderPage(await payments.page(request.params.orderId), sandbox);
    return html(reply, page.status, page.html, null);
  });
  app.post<{ Params: { orderId: string } }>('/quickbuy/pay/:orderId', { schema: hidden }, async (request, reply) => {
    try {
      const page = renderPage(await payments.payOnPage(request.params.orderId, formOf(request.body)), sandbox);
      return html(reply, page.status, page.html, null);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const first = error.errors[0];
      const view = await payments.page(request.params.orderId, messageFor(first?.messageCode ?? 'Invalid', first?.fieldName ?? ''));
      const page = renderPage(view, sandbox);
      return html(reply, view.kind === 'form' ? 400 : page.status, page.html, null);
    }
  });

  app.get('/quickbuy/widget/frame', { schema: hidden }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    try {
      const session = await payments.openWidget({
        key: q.key,
        customer: q.customer,
        timestamp: q.timestamp,
        token: q.token,
        origin: q.origin,
        referer: header(request, 'referer'),
      });
      return html(reply, 200, renderWidgetForm({ token: await payments.widgetToken(session), asset, error: null, sandbox }), session.origin);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const code = error.errors[0]?.messageCode ?? 'Invalid';
      const text =
        code === 'Origin_Not_Allowed' ? 'This page is not allowed to open the QuickBuy widget.' : 'The widget could not be opened: its key or signature token is not valid.';
      // A refusal carries no data and may show in any frame, so the merchant sees why.
      return reply.code(messageCodeInfo(code).httpStatus).headers(pageHeaders('*')).send(renderRefusal('QuickBuy unavailable', text));
    }
  });
  app.post('/quickbuy/widget/pay', { schema: hidden }, async (request, reply) => {
    const form = formOf(request.body);
    try {
      const result = await payments.payWidget(form);
      if (result.decline === null && result.order !== null) return html(reply, 200, renderWidgetResult(result.order), result.frameOrigin);
      const again = await payments.widgetToken({ key: { id: result.keyId } as ApiKeyRow, customerReference: result.customer, origin: result.frameOrigin });
      return html(reply, 402, renderWidgetForm({ token: again, asset, error: messageFor(result.decline ?? 'Card_Declined', ''), sandbox }), result.frameOrigin);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const first = error.errors[0];
      const token = await peekFormToken(ctx.database.reader, form.token);
      if (token === undefined || token.frame_origin === null) return html(reply, 400, renderRefusal('QuickBuy', messageFor('Form_Token_Invalid', '')), null);
      return html(
        reply,
        400,
        renderWidgetForm({ token: form.token as string, asset, error: messageFor(first?.messageCode ?? 'Invalid', first?.fieldName ?? ''), sandbox, amount: form.Amount ?? '' }),
        token.frame_origin,
      );
    }
  });
}
