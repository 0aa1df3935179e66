import type { DestinationStream } from 'pino';
import type { TSchema } from '@sinclair/typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifySchema } from 'fastify';
import type { ApiModule, ModuleContext } from './api-module.js';
import { installAccessLog } from './http/access-log.js';
import { requireAuthentication } from './http/auth-hook.js';
import { failure } from './http/envelope.js';
import { installErrorHandlers } from './http/error-handler.js';
import { healthRoutes } from './http/health-routes.js';
import { installIdempotency } from './http/idempotency.js';
import { installJsonBodyParser, JSON_CONTENT_TYPES } from './http/json-body.js';
import { installMultipartParser } from './http/multipart.js';
import { installOpenApi } from './http/openapi.js';
import { bindRequest } from './http/request-binder.js';
import type { RouteScope } from './http/type-provider.js';
import { MODULES } from './modules.js';
import type { Runtime } from './runtime.js';
import { stringifyExact } from './shared/exact-json.js';

/** Which of the server's HTTP processes this app runs in: `index` from 1 to `count` (WORKERS). */
export interface ServerProcessRole {
  readonly index: number;
  readonly count: number;
}

/** What the HTTP app needs: the runtime's services, plus the version and (tests) a log sink. */
export interface AppDeps extends Omit<Runtime, 'close'> {
  readonly version: string;
  /** Where logs go (stdout by default); tests capture them to check that no secret is logged. */
  readonly logStream?: DestinationStream;
  /** The process's place among WORKERS; alone (1 of 1) when absent. */
  readonly role?: ServerProcessRole;
}

/** One registered route, as the isolation and fuzz tests enumerate them. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly schema: FastifySchema;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route this app registered (method, path, schema), in registration order. */
    routeTable: readonly RouteEntry[];
  }
}

/** Secrets that must never reach a log line, wherever they appear in a logged object. */
const REDACTED_PATHS = ['req.headers.authorization', 'req.headers.otp', 'password', 'otp', 'accessToken', 'sharedSecret'];

/** The HTTP application: plugins, hooks and routes, without listen(), so tests can `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const routeTable: RouteEntry[] = [];
  const app = Fastify({
    logger: {
      level: deps.config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      ...(deps.logStream === undefined ? {} : { stream: deps.logStream }),
    },
    // One access-log line per request (below), not Fastify's two ("incoming", "completed").
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.bodySizeMaxBytes,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL, an over-long path parameter) get the
    // envelope too.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .type('application/json; charset=utf-8')
        .send(failure([{ fieldName: 'url', messageCode: 'Invalid' }]));
    },
  });
  // One schema drives binding, the wire format and the OpenAPI document.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart !== 'body' && httpPart !== 'querystring') return (data: unknown) => ({ value: data });
    return (data: unknown) => bindRequest(schema as TSchema, data, httpPart === 'body' ? 'body' : 'query');
  });
  // Every JSON body accepts both content types Ibanera's clients send; the OpenAPI document says so.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body !== undefined && route.schema.consumes === undefined) route.schema.consumes = [...JSON_CONTENT_TYPES];
    routeTable.push({ method: ([] as string[]).concat(route.method).join(','), url: route.url, schema: route.schema ?? {} });
  });
  app.decorate('routeTable', routeTable);
  installAccessLog(app);
  app.setSerializerCompiler(() => stringifyExact);
  app.setReplySerializer(stringifyExact);
  installJsonBodyParser(app, deps.config);
  installMultipartParser(app, deps.config);
  installErrorHandlers(app);
  await installOpenApi(app, deps.version, deps.config.mode === 'sandbox');
  installIdempotency(app, { reader: deps.database.reader, clock: deps.clock, keyTtlHours: deps.config.idempotencyKeyTtlHours });

  healthRoutes(app, deps.database, deps.role ?? { index: 1, count: 1 });
  const ctx: ModuleContext = { config: deps.config, database: deps.database, clock: deps.clock, cwd: deps.cwd };
  const sandbox = deps.config.mode === 'sandbox';
  // Each module's routes, from the manifest: public ones, sandbox pages, and (in one scope behind
  // the token and OTP check) protected and sandbox-only ones.
  const modules = MODULES as readonly ApiModule<object, object>[];
  for (const module of modules) {
    const { publicRoutes, sandboxPages } = module;
    if (publicRoutes !== undefined) await app.register(async (scope) => publicRoutes(scope as RouteScope, deps, ctx));
    if (sandbox && sandboxPages !== undefined) await app.register(async (scope) => sandboxPages(scope as RouteScope, deps, ctx));
  }
  await app.register(async (scope) => {
    requireAuthentication(scope, deps.auth);
    for (const module of modules) {
      module.routes?.(scope as RouteScope, deps, ctx);
      if (sandbox) module.sandboxRoutes?.(scope as RouteScope, deps, ctx);
    }
  });
  return app;
}
