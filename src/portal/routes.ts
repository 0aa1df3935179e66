import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleContext } from '../api-module.js';
import { checkAmount, CreateAccountBodySchema, findAsset, WithdrawBodySchema, type CreateAccountBody } from '../accounts/index.js';
import { setCallbackTarget } from '../auth/index.js';
import { checkCallbackUrl, requeueCallback } from '../callbacks/index.js';
import { MULTIPART_CONTENT_TYPE, readMultipart } from '../http/multipart.js';
import { rateLimitPerMinute } from '../http/rate-limit.js';
import { bindRequest } from '../http/request-binder.js';
import type { RouteScope } from '../http/type-provider.js';
import { CryptoDepositBodySchema, PayInBodySchema } from '../simulations/index.js';
import { isoTimestamp } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { messageCodeInfo } from '../shared/error-catalog.js';
import {
  CreatePayeeBodySchema,
  EditPayeeBodySchema,
  ExternalTransferBodySchema,
  InternalTransferBodySchema,
  type ExternalTransferBody,
  type InternalTransferBody,
} from '../transfers/index.js';
import type { WithdrawBody } from '../accounts/index.js';
import type { TSchema } from '@sinclair/typebox';
import { CSRF_FIELD, FORM_BODY_MAX_BYTES, NONCE_FIELD, PRE_SESSION_COOKIE, PRE_SESSION_FIELD, SESSION_COOKIE } from './contract.js';
import { FormWrites, resultId } from './form-write.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import type { PortalServices } from './module.js';
import { accountCsv, accountPage } from './pages/account.js';
import { developersPage, editPayeePage, manageesPage, newNonce, payeesPage, sandboxPage } from './pages/lists.js';
import { externalReview, internalReview, moveMoneyPage, reviewPage, type Review } from './pages/move-money.js';
import { overviewPage } from './pages/overview.js';
import { rfiPage, rfisPage } from './pages/rfis.js';
import { exchangePage, exchangeQuotePage, exchangesPage, fxPage, fxQuotePage } from './pages/exchanges.js';
import { BuyBody, QuoteBody, SellBody } from '../exchanges/index.js';
import { FxQuoteBody } from '../fx/index.js';
import { TransferFundsBody } from '../cards/index.js';
import { cardPage, cardsPage, topUpReviewPage } from './pages/cards.js';
import { businessPage } from './pages/business.js';
import { signInBody } from './pages/sign-in.js';
import { transactionPage } from './pages/transaction.js';
import { notice, problem, wholeNumber, type Content, type PortalDeps, type View } from './pages/view.js';
import { callbackOf, callbackTarget } from './portal-repository.js';
import { sameSecret } from './session-service.js';

type Form = Record<string, string>;

/** Every portal answer: scripts and styles from this origin only, no framing, no referrer. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const require = createRequire(import.meta.url);
/** The static files: the portal's own (resources/portal/) and uPlot's (from its npm package). */
function loadAssets(): Map<string, { type: string; body: Buffer }> {
  const own = new URL('../../resources/portal/', import.meta.url);
  const uplot = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`));
  return new Map([
    ['portal.css', { type: 'text/css; charset=utf-8', body: readFileSync(new URL('portal.css', own)) }],
    ['portal.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('portal.js', own)) }],
    ['uPlot.min.css', { type: 'text/css; charset=utf-8', body: uplot('uPlot.min.css') }],
    ['uPlot.iife.min.js', { type: 'text/javascript; charset=utf-8', body: uplot('uPlot.iife.min.js') }],
  ]);
}

function cookies(request: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

function parseForm(text: string): Form {
  const form: Form = {};
  for (const [key, value] of new URLSearchParams(text)) if (!(key in form)) form[key] = value;
  return form;
}

/** The contract's body from a form: the API's binder and schema (so the API's limits and types), empty fields left out. */
function bindForm<T>(schema: TSchema, form: Form): T {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith('_') || key === 'kind' || key === 'otp' || value === '') continue;
    const [outer, inner] = key.split('.', 2) as [string, string | undefined];
    if (inner === undefined) input[outer] = value;
    else input[outer] = { ...((input[outer] as Record<string, unknown> | undefined) ?? {}), [inner]: value };
  }
  const bound = bindRequest(schema, input, 'body');
  if ('error' in bound) throw bound.error;
  return bound.value as T;
}

/** Only a path of the portal itself may be the page a sign-in goes back to. */
function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/portal(\/[\w\-./?=&%#]*)?$/.test(next) && !next.includes('//') ? next : '/portal';
}

export function portalRoutes(app: RouteScope, services: PortalServices & PortalDeps, ctx: ModuleContext): void {
  const { config, database, clock } = ctx;
  const sandbox = config.mode === 'sandbox';
  const sessions = services.portalSessions;
  const writes = new FormWrites(database.reader, clock, config.idempotencyKeyTtlHours);
  const assets = loadAssets();
  const secureCookies = config.publicBaseUrl.startsWith('https://');

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_MAX_BYTES }, (_request, body, done) => {
    done(null, parseForm(body as string));
  });
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.toLowerCase().startsWith('/portal')) return;
    reply.header('content-security-policy', CSP);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/portal/assets/')) reply.header('cache-control', 'no-store');
  });

  const cookie = (request: FastifyRequest, name: string, value: string, maxAgeSeconds: number) =>
    `${name}=${value}; Path=/portal; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secureCookies || request.protocol === 'https' ? '; Secure' : ''}`;

  const send = (reply: FastifyReply, content: Content, view: View | null, username?: string) =>
    reply
      .code(content.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(
        page({
          title: content.title,
          section: content.section,
          body: content.body,
          sandbox,
          csrfToken: view?.session.csrfToken ?? null,
          ...(username === undefined ? {} : { username }),
        }).markup,
      );

  const failure = (error: DomainError): Content => {
    const status = messageCodeInfo(error.messageCode).httpStatus;
    if (error.messageCode === 'Not_Found')
      return {
        title: 'Not found',
        section: '',
        body: html`<p role="alert">There is nothing here, or nothing you may see.</p>
          <p><a href="/portal">Back to the overview</a></p>`,
        status: 404,
      };
    return {
      title: 'Not done',
      section: '',
      body: html`${problem(error)}
        <p><a href="/portal" data-back>Back</a> · <a href="/portal">Overview</a></p>`,
      status,
    };
  };

  const signInPage = (reply: FastifyReply, request: FastifyRequest, next: string, message: SafeHtml | string, status = 200) => {
    const pre = randomBytes(24).toString('base64url');
    reply.header('set-cookie', cookie(request, PRE_SESSION_COOKIE, pre, 3600));
    return send(reply, { title: 'Sign in', section: '', body: signInBody(pre, next, message), status }, null);
  };

  /** A signed-in page: the session (else back to sign-in, then to this page), CSRF on every POST, errors as pages. */
  const guarded =
    (handler: (view: View, request: FastifyRequest, reply: FastifyReply) => Promise<Content | FastifyReply>) => async (request: FastifyRequest, reply: FastifyReply) => {
      const found = await sessions.lookup(cookies(request).get(SESSION_COOKIE));
      if (!found.ok) {
        const next = request.method === 'GET' ? request.url : '/portal';
        return reply.redirect(`/portal/sign-in?next=${encodeURIComponent(next)}${found.reason === 'expired' ? '&expired=1' : ''}`, 303);
      }
      const view: View = { principalId: found.session.customersId, session: found.session, deps: services, config, reader: database.reader, sandbox, nowMs: () => clock.nowMs() };
      const username = (await callbackTarget(database.reader, view.principalId))?.username;
      if (request.method === 'POST') {
        const sent = (request.body as Form | undefined)?.[CSRF_FIELD] ?? '';
        if (!sameSecret(sent, found.session.csrfToken)) {
          return send(
            reply,
            {
              title: 'Refused',
              section: '',
              body: html`<p role="alert">This form's security token is missing or out of date (CSRF protection). Nothing was done. Reload the page and try again.</p>`,
              status: 403,
            },
            view,
            username,
          );
        }
      }
      try {
        const content = await handler(view, request, reply);
        if ('title' in content && 'body' in content) return send(reply, content as Content, view, username);
        return content;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return send(reply, failure(error), view, username);
      }
    };

  const form = (request: FastifyRequest): Form => (request.body as Form | undefined) ?? {};
  const param = (request: FastifyRequest, name: string) => wholeNumber((request.params as Record<string, string>)[name], 'Id');
  const queryOf = (request: FastifyRequest) => request.query as Record<string, string | undefined>;
  const hide = { schema: { hide: true } };

  app.get('/portal/assets/:file', hide, async (request, reply) => {
    const asset = assets.get((request.params as { file: string }).file);
    if (asset === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });

  app.get('/portal/sign-in', hide, async (request, reply) => {
    const q = queryOf(request);
    const message = q.expired === '1' ? notice('Your session has ended. Sign in again to continue.') : q.signedOut === '1' ? notice('You are signed out.') : '';
    return signInPage(reply, request, safeNext(q.next), message);
  });

  // The API login's rate limit (per client address, LOGIN_RATE_PER_MINUTE) on the sign-in form too.
  void app.register(async (limited) => {
    rateLimitPerMinute(limited, config.loginRatePerMinute, () => clock.nowMs());
    limited.post('/portal/sign-in', hide, async (request, reply) => {
      const f = form(request);
      const next = safeNext(f.next);
      const pre = cookies(request).get(PRE_SESSION_COOKIE);
      if (pre === undefined || !sameSecret(f[PRE_SESSION_FIELD] ?? '', pre))
        return signInPage(reply, request, next, html`<p role="alert" class="problem">The sign-in form expired (CSRF protection). Try again.</p>`, 403);
      try {
        const { token } = await sessions.signIn(f.username ?? '', f.password ?? '', (f.otp ?? '').trim());
        reply.header('set-cookie', [cookie(request, SESSION_COOKIE, token, config.portalSessionMaxHours * 3600), `${PRE_SESSION_COOKIE}=; Path=/portal; Max-Age=0`]);
        return reply.redirect(next, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return signInPage(reply, request, next, problem(error), messageCodeInfo(error.messageCode).httpStatus);
      }
    });
  });

  app.post(
    '/portal/sign-out',
    hide,
    guarded(async (view, request, reply) => {
      await sessions.signOut(view.session);
      return reply.header('set-cookie', cookie(request, SESSION_COOKIE, '', 0)).redirect('/portal/sign-in?signedOut=1', 303);
    }),
  );

  app.get(
    '/portal',
    hide,
    guarded((view) => overviewPage(view)),
  );
  app.post(
    '/portal/accounts/open',
    hide,
    guarded(async (view, request) => {
      const created = await services.accounts.createAccount(view.principalId, bindForm<CreateAccountBody>(CreateAccountBodySchema, form(request)), {});
      return overviewPage(view, `Account #${created.accounts[0]?.id ?? ''} opened.`);
    }),
  );

  const accountQuery = (request: FastifyRequest) => {
    const q = queryOf(request);
    return { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), page: q.page === undefined ? 1 : Math.max(1, wholeNumber(q.page, 'page')) };
  };
  app.get(
    '/portal/accounts/:id',
    hide,
    guarded((view, request) => accountPage(view, param(request, 'id'), accountQuery(request))),
  );
  app.get(
    '/portal/accounts/:id/export.csv',
    hide,
    guarded(async (view, request, reply) => {
      const csv = await accountCsv(view, param(request, 'id'), accountQuery(request));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${csv.fileName}"`).send(csv.text);
    }),
  );
  app.get(
    '/portal/transactions/:id',
    hide,
    guarded((view, request) => transactionPage(view, param(request, 'id'), queryOf(request).created === '1')),
  );

  moneyRoutes(app, services, guarded, writes, form);

  app.get(
    '/portal/payees',
    hide,
    guarded((view) => payeesPage(view)),
  );
  app.post(
    '/portal/payees/create',
    hide,
    guarded(async (view, request) => {
      const body = bindForm<Parameters<PortalDeps['payees']['create']>[1]>(CreatePayeeBodySchema, form(request));
      const created = await services.payees.create(view.principalId, body, {});
      return payeesPage(view, `Payee #${created.id} saved.`);
    }),
  );
  app.get(
    '/portal/payees/:id/edit',
    hide,
    guarded((view, request) => editPayeePage(view, param(request, 'id'))),
  );
  app.post(
    '/portal/payees/:id/edit',
    hide,
    guarded(async (view, request) => {
      const id = param(request, 'id');
      const f = form(request);
      const typed = Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith('_')));
      try {
        // The API's edit replaces the payee's fields: an emptied field is left out, as in the API's body.
        const body = bindForm<Parameters<PortalDeps['payees']['edit']>[1]>(EditPayeeBodySchema, { ...typed, PayeesId: String(id) });
        await services.payees.edit(view.principalId, body, {});
      } catch (error) {
        if (!(error instanceof DomainError) || error.messageCode === 'Not_Found') throw error;
        return { ...(await editPayeePage(view, id, typed, problem(error))), status: messageCodeInfo(error.messageCode).httpStatus };
      }
      return payeesPage(view, `Payee #${id} saved.`);
    }),
  );
  app.post(
    '/portal/payees/delete',
    hide,
    guarded(async (view, request) => {
      const id = wholeNumber(form(request).PayeesId, 'PayeesId');
      await services.payees.delete(view.principalId, id, {});
      return payeesPage(view, `Payee #${id} deleted.`);
    }),
  );

  app.get('/portal/managees', hide, guarded(manageesPage));
  app.get('/portal/business', hide, guarded(businessPage));

  rfiRoutes(app, services, guarded);
  exchangeRoutes(app, services, guarded, writes, form);
  cardRoutes(app, services, guarded, writes, form);

  developerRoutes(app, guarded, form, ctx);
  if (sandbox) sandboxRoutes(app, services, guarded, form);

  // Anything else under /portal: a page, not the API's JSON.
  app.get(
    '/portal/*',
    hide,
    guarded(async () => failure(new DomainError('Not_Found'))),
  );
}

type Guarded = (
  handler: (view: View, request: FastifyRequest, reply: FastifyReply) => Promise<Content | FastifyReply>,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
const hidden = { schema: { hide: true } };

function moneyRoutes(app: RouteScope, deps: PortalDeps & PortalServices, guarded: Guarded, writes: FormWrites, form: (r: FastifyRequest) => Form): void {
  const sessions = deps.portalSessions;
  app.get(
    '/portal/move',
    hidden,
    guarded((view) => moveMoneyPage(view)),
  );

  /** The review of a movement: every check the movement itself makes (no write), and its fee. */
  const review = async (view: View, f: Form): Promise<Review> => {
    const fields = Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith('_') && k !== 'otp'));
    if (f.kind === 'internal') {
      const body = bindForm<InternalTransferBody>(InternalTransferBodySchema, f);
      const source = await deps.accounts.getAccount(view.principalId, body.SourceAccountId);
      const destination = await deps.accounts.getAccount(view.principalId, body.DestinationAccountId);
      const asset = await findAsset(view.reader, source.asset);
      // The transfer's own amount rule, at review already (too many decimals is refused, never rounded).
      checkAmount(body.Amount, asset?.precision ?? 0, 'Amount');
      const kind = asset?.asset_class === 'Cryptocurrency' ? 'crypto' : 'fiat';
      return { ...internalReview(body, source, `#${destination.id} ${destination.name} (${destination.asset})`, fields), internalKind: kind };
    }
    if (f.kind === 'external') {
      const body = bindForm<ExternalTransferBody>(ExternalTransferBodySchema, f);
      return externalReview(body, await deps.externalTransfers.quote(view.principalId, body), fields);
    }
    if (f.kind === 'crypto') {
      const body = bindForm<WithdrawBody>(WithdrawBodySchema, f);
      const account = await deps.accounts.getAccount(view.principalId, body.accountsId);
      checkAmount(body.amount, (await findAsset(view.reader, account.asset))?.precision ?? 0, 'amount');
      return {
        kind: 'crypto',
        summary: [
          ['From account', `#${account.id} ${account.name} (${account.asset})`],
          ['To address', body.destinationAddress],
          ['Amount', f.amount ?? ''],
        ],
        fee: '0',
        asset: account.asset,
        fields,
      };
    }
    throw new DomainError('Invalid', 'kind');
  };

  app.post(
    '/portal/move/review',
    hidden,
    guarded(async (view, request) => {
      const f = form(request);
      try {
        return reviewPage(view, await review(view, f), newNonce());
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // The form again, with what was typed, and what to fix.
        const fields = Object.fromEntries(Object.entries(f).filter(([k]) => !k.startsWith('_') && k !== 'otp'));
        return { ...(await moveMoneyPage(view, { fields, problem: problem(error) })), status: messageCodeInfo(error.messageCode).httpStatus };
      }
    }),
  );

  app.post(
    '/portal/move/confirm',
    hidden,
    guarded(async (view, request, reply) => {
      const f = form(request);
      const rev = await review(view, f);
      const path = `/portal/move/confirm/${rev.kind}`;
      const idKey = rev.kind === 'crypto' ? 'id' : 'transactionsId';
      const done = (result: unknown) => reply.redirect(`/portal/transactions/${resultId(result, idKey)}?created=1`, 303);
      const earlier = await writes.earlier(view.principalId, f[NONCE_FIELD], path, rev.fields);
      if (earlier !== undefined) return done(earlier);
      try {
        await sessions.stepUp(view.session, f.otp ?? '');
        const result = await writes.run(view.principalId, f[NONCE_FIELD], path, rev.fields, (write) => {
          if (rev.kind === 'internal')
            return deps.internalTransfers.transfer(view.principalId, rev.internalKind ?? 'fiat', bindForm<InternalTransferBody>(InternalTransferBodySchema, f), write);
          if (rev.kind === 'external') return deps.externalTransfers.transfer(view.principalId, bindForm<ExternalTransferBody>(ExternalTransferBodySchema, f), write);
          return deps.crypto.withdraw(view.principalId, bindForm<WithdrawBody>(WithdrawBodySchema, f), write);
        });
        return done(result);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { ...reviewPage(view, rev, f[NONCE_FIELD] ?? newNonce(), problem(error)), status: messageCodeInfo(error.messageCode).httpStatus };
      }
    }),
  );
}

/** Information requests: the list, one request, and its answer (multipart: text answers and documents) through the API's submission service. */
function rfiRoutes(app: RouteScope, deps: PortalDeps, guarded: Guarded): void {
  app.get(
    '/portal/rfis',
    hidden,
    guarded((view, request) => {
      const p = (request.query as Record<string, string | undefined>).page;
      return rfisPage(view, p === undefined ? 1 : Math.max(1, wholeNumber(p, 'page')));
    }),
  );
  app.get(
    '/portal/rfis/:id',
    hidden,
    guarded((view, request) => rfiPage(view, wholeNumber((request.params as Record<string, string>).id, 'Id'))),
  );
  app.post(
    '/portal/rfis/:id/answer',
    { schema: { hide: true, consumes: [MULTIPART_CONTENT_TYPE] } },
    guarded(async (view, request) => {
      const id = wholeNumber((request.params as Record<string, string>).id, 'Id');
      const form = readMultipart(request);
      // A browser sends an empty file part when no file was chosen: that is no document.
      const files = form.files.filter((f) => !(f.fileName === '' && f.bytes.length === 0));
      const result = await deps.rfiSubmissions.submit(view.principalId, { informationRequestsId: id, fields: form.fields, files }, {});
      return rfiPage(view, id, `Answer sent: the request is now ${result.status}.`);
    }),
  );
}

/** Crypto exchanges and FX: priced first by the module's own quote, placed with a fresh code and the form's one-time id. */
function exchangeRoutes(app: RouteScope, deps: PortalDeps & PortalServices, guarded: Guarded, writes: FormWrites, form: (r: FastifyRequest) => Form): void {
  const sessions = deps.portalSessions;
  const idOf = (request: FastifyRequest) => wholeNumber((request.params as Record<string, string>).id, 'Id');
  const tradeFields = (f: Form) => Object.fromEntries(Object.entries(f).filter(([k, v]) => !k.startsWith('_') && k !== 'otp' && v !== ''));
  /** The buy's or sell's own body (the API's schema): the form less its ExchangeType. */
  const tradeBody = <T>(schema: TSchema, f: Form): T => bindForm<T>(schema, Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'ExchangeType')));
  const quoteOf = (view: View, f: Form) => deps.exchanges.quote(view.principalId, bindForm<QuoteBody>(QuoteBody, tradeFields(f)), {});

  app.get(
    '/portal/exchanges',
    hidden,
    guarded((view) => exchangesPage(view)),
  );
  app.post(
    '/portal/exchanges/quote',
    hidden,
    guarded(async (view, request) => {
      const f = form(request);
      return exchangeQuotePage(view, await quoteOf(view, f), tradeFields(f), newNonce());
    }),
  );
  app.post(
    '/portal/exchanges/place',
    hidden,
    guarded(async (view, request, reply) => {
      const f = form(request);
      const fields = tradeFields(f);
      const sell = fields.ExchangeType === 'Sell';
      const path = `/portal/exchanges/place/${sell ? 'sell' : 'buy'}`;
      const done = (result: unknown) => reply.redirect(`/portal/exchanges/${resultId(result, 'id')}?created=1`, 303);
      const earlier = await writes.earlier(view.principalId, f[NONCE_FIELD], path, fields);
      if (earlier !== undefined) return done(earlier);
      try {
        await sessions.stepUp(view.session, f.otp ?? '');
        return done(
          await writes.run(view.principalId, f[NONCE_FIELD], path, fields, (write) =>
            sell
              ? deps.exchanges.sell(view.principalId, tradeBody<SellBody>(SellBody, fields), write)
              : deps.exchanges.buy(view.principalId, tradeBody<BuyBody>(BuyBody, fields), write),
          ),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const quote = await quoteOf(view, f).catch(() => undefined);
        if (quote === undefined) throw error;
        return { ...exchangeQuotePage(view, quote, fields, f[NONCE_FIELD] ?? newNonce(), problem(error)), status: messageCodeInfo(error.messageCode).httpStatus };
      }
    }),
  );
  app.get(
    '/portal/exchanges/:id',
    hidden,
    guarded((view, request) => {
      const q = request.query as Record<string, string | undefined>;
      const message = q.created === '1' ? 'Exchange placed.' : q.confirmed === '1' ? 'Sell confirmed.' : undefined;
      return exchangePage(view, idOf(request), newNonce(), message);
    }),
  );
  app.post(
    '/portal/exchanges/:id/confirm',
    hidden,
    guarded(async (view, request, reply) => {
      const id = idOf(request);
      const f = form(request);
      const path = '/portal/exchanges/confirm';
      const fields = { ExchangeId: String(id) };
      const done = () => reply.redirect(`/portal/exchanges/${id}?confirmed=1`, 303);
      if ((await writes.earlier(view.principalId, f[NONCE_FIELD], path, fields)) !== undefined) return done();
      try {
        await sessions.stepUp(view.session, f.otp ?? '');
        await writes.run(view.principalId, f[NONCE_FIELD], path, fields, (write) => deps.exchanges.confirmSell(view.principalId, id, write));
        return done();
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { ...(await exchangePage(view, id, f[NONCE_FIELD] ?? newNonce(), problem(error))), status: messageCodeInfo(error.messageCode).httpStatus };
      }
    }),
  );
  app.post(
    '/portal/exchanges/:id/cancel',
    hidden,
    guarded(async (view, request) => {
      const id = idOf(request);
      const cancelled = await deps.exchanges.cancel(view.principalId, id, {});
      return exchangePage(view, id, newNonce(), `Sell #${cancelled.id} cancelled: the held amount is available again.`);
    }),
  );

  app.get(
    '/portal/fx',
    hidden,
    guarded((view) => fxPage(view)),
  );
  app.post(
    '/portal/fx/quote',
    hidden,
    guarded(async (view, request) => fxQuotePage(view, await deps.fx.quote(view.principalId, bindForm<FxQuoteBody>(FxQuoteBody, form(request)), {}), newNonce())),
  );
  app.post(
    '/portal/fx/execute',
    hidden,
    guarded(async (view, request) => {
      const f = form(request);
      const quoteId = wholeNumber(f.QuoteId, 'QuoteId');
      const path = '/portal/fx/execute';
      const fields = { QuoteId: String(quoteId) };
      const shown = (result: unknown) => fxPage(view, `FX exchange #${resultId(result, 'id')} done.`);
      const earlier = await writes.earlier(view.principalId, f[NONCE_FIELD], path, fields);
      if (earlier !== undefined) return shown(earlier);
      await sessions.stepUp(view.session, f.otp ?? '');
      return shown(await writes.run(view.principalId, f[NONCE_FIELD], path, fields, (write) => deps.fx.execute(view.principalId, quoteId, write)));
    }),
  );
}

/** Cards: balances, transactions, activate or deactivate, and a top-up from an account (the card transfer service's fee at review; a fresh code to confirm). */
function cardRoutes(app: RouteScope, deps: PortalDeps & PortalServices, guarded: Guarded, writes: FormWrites, form: (r: FastifyRequest) => Form): void {
  const sessions = deps.portalSessions;
  const idOf = (request: FastifyRequest) => wholeNumber((request.params as Record<string, string>).id, 'Id');
  const topUpFields = (f: Form) => Object.fromEntries(Object.entries(f).filter(([k, v]) => ['CustomerAssetAccountId', 'amount', 'reference'].includes(k) && v !== ''));
  /** transferfunds' own body: a TopUpCard in USD to this card. */
  const topUpBody = (cardId: number, fields: Form) =>
    bindForm<TransferFundsBody>(TransferFundsBody, { ...fields, transferTypes: 'TopUpCard', currencyType: 'USD', DestinationCardId: String(cardId) });

  app.get(
    '/portal/cards',
    hidden,
    guarded((view) => cardsPage(view)),
  );
  app.get(
    '/portal/cards/:id',
    hidden,
    guarded((view, request) => cardPage(view, idOf(request), (request.query as Record<string, string>).topUp === '1' ? 'Top-up done.' : undefined)),
  );
  for (const action of ['activate', 'deactivate'] as const)
    app.post(
      `/portal/cards/:id/${action}`,
      hidden,
      guarded(async (view, request) => {
        const id = idOf(request);
        await (action === 'activate' ? deps.cards.activate(view.principalId, { CardsId: id }, {}) : deps.cards.deactivate(view.principalId, { CardsId: id }, {}));
        return cardPage(view, id, action === 'activate' ? 'Card activated.' : 'Card deactivated.');
      }),
    );
  app.post(
    '/portal/cards/:id/topup/review',
    hidden,
    guarded(async (view, request) => {
      const id = idOf(request);
      const fields = topUpFields(form(request));
      return topUpReviewPage(view, id, await deps.cardTransfers.quote(view.principalId, topUpBody(id, fields)), fields, newNonce());
    }),
  );
  app.post(
    '/portal/cards/:id/topup/confirm',
    hidden,
    guarded(async (view, request, reply) => {
      const id = idOf(request);
      const f = form(request);
      const fields = topUpFields(f);
      const path = `/portal/cards/${id}/topup`;
      const done = () => reply.redirect(`/portal/cards/${id}?topUp=1`, 303);
      if ((await writes.earlier(view.principalId, f[NONCE_FIELD], path, fields)) !== undefined) return done();
      const body = topUpBody(id, fields);
      const quote = await deps.cardTransfers.quote(view.principalId, body);
      try {
        await sessions.stepUp(view.session, f.otp ?? '');
        await writes.run(view.principalId, f[NONCE_FIELD], path, fields, (write) => deps.cardTransfers.transferFunds(view.principalId, body, write));
        return done();
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return { ...topUpReviewPage(view, id, quote, fields, f[NONCE_FIELD] ?? newNonce(), problem(error)), status: messageCodeInfo(error.messageCode).httpStatus };
      }
    }),
  );
}

function developerRoutes(app: RouteScope, guarded: Guarded, form: (r: FastifyRequest) => Form, ctx: ModuleContext): void {
  const db = ctx.database.db;
  const pageOf = (request: FastifyRequest) => {
    const p = (request.query as Record<string, string | undefined>).page;
    return p === undefined ? 1 : Math.max(1, wholeNumber(p, 'page'));
  };
  app.get(
    '/portal/developers',
    hidden,
    guarded((view, request) =>
      developersPage(view, {
        page: pageOf(request),
        ...((request.query as Record<string, string>).replayed === '1' ? { message: 'Queued again: the delivery worker sends it now.' } : {}),
      }),
    ),
  );
  app.post(
    '/portal/developers/callback-url',
    hidden,
    guarded(async (view, request) => {
      const check = await checkCallbackUrl((form(request).url ?? '').trim(), ctx.config.mode);
      if (!check.ok)
        return {
          ...(await developersPage(view, { page: 1 })),
          body: html`<div class="problem" role="alert"><p>Callback URL refused: ${check.reason}. Nothing was changed.</p></div>`,
          status: 400,
        };
      const target = await callbackTarget(db, view.principalId);
      const secret = target?.callback_hash_secret == null ? randomBytes(32).toString('base64url') : null;
      await setCallbackTarget(db, view.principalId, check.url.toString(), secret);
      return developersPage(view, { page: 1, message: 'Callback URL saved.', ...(secret === null ? {} : { newSecret: secret }) });
    }),
  );
  app.post(
    '/portal/developers/rotate-secret',
    hidden,
    guarded(async (view) => {
      const target = await callbackTarget(db, view.principalId);
      if (target?.callback_url == null) throw new DomainError('Required', 'url');
      const secret = randomBytes(32).toString('base64url');
      await setCallbackTarget(db, view.principalId, target.callback_url, secret);
      return developersPage(view, { page: 1, message: 'Hash secret rotated: callbacks are signed with the new one from now on.', newSecret: secret });
    }),
  );
  app.post(
    '/portal/developers/replay',
    hidden,
    guarded(async (view, request, reply) => {
      const id = form(request).id ?? '';
      if ((await callbackOf(ctx.database.reader, view.principalId, id.slice(0, 64))) === undefined) throw new DomainError('Not_Found', 'id');
      await requeueCallback(db, id, isoTimestamp(ctx.clock.nowMs()));
      return reply.redirect('/portal/developers?replayed=1#deliveries', 303);
    }),
  );
}

function sandboxRoutes(app: RouteScope, deps: PortalDeps, guarded: Guarded, form: (r: FastifyRequest) => Form): void {
  const action = (path: string, run: (view: View, f: Form) => Promise<string>) =>
    app.post(
      path,
      hidden,
      guarded(async (view, request) => sandboxPage(view, await run(view, form(request)))),
    );
  app.get(
    '/portal/sandbox',
    hidden,
    guarded((view) => sandboxPage(view)),
  );
  action('/portal/sandbox/pay-in', async (view, f) => `Pay-in recorded as transaction #${await deps.simulations.payIn(view.principalId, bindForm(PayInBodySchema, f), {})}.`);
  action(
    '/portal/sandbox/crypto-deposit',
    async (view, f) => `Deposit recorded as transaction #${await deps.simulations.cryptoDeposit(view.principalId, bindForm(CryptoDepositBodySchema, f), {})}.`,
  );
  action(
    '/portal/sandbox/complete',
    async (view, f) => `Transaction #${(await deps.simulations.complete(view.principalId, wholeNumber(f.TransactionsId, 'TransactionsId'), {})).transactionsId} completed.`,
  );
  action(
    '/portal/sandbox/fail',
    async (view, f) => `Transaction #${(await deps.simulations.fail(view.principalId, wholeNumber(f.TransactionsId, 'TransactionsId'), {})).transactionsId} failed.`,
  );
  action(
    '/portal/sandbox/identity-check',
    async (view, f) =>
      `Identity check of managee #${(await deps.managees.identityCheckCompleted(view.principalId, wholeNumber(f.ManageesId, 'ManageesId'), {})).manageesId} completed.`,
  );
  action('/portal/sandbox/kyc', async (view, f) => {
    const id = wholeNumber(f.ManageesId, 'ManageesId');
    const decision = f.decision === 'Accepted' ? ({ status: 'Accepted' } as const) : ({ status: 'Rejected', reason: 'Rejected in the portal sandbox' } as const);
    const decided = await deps.managees.decideKyc(view.principalId, id, decision, {});
    return `Managee #${decided.manageesId}: KYC ${decided.verificationStatus}.`;
  });
}
