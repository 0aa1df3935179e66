import type { DestinationStream } from 'pino';
import type { TSchema } from '@sinclair/typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifySchema } from 'fastify';
import { cancellationRoutes } from './http/routes/transfers/cancellation-routes.js';
import { payeeRoutes } from './http/routes/transfers/payee-routes.js';
import { transferRoutes } from './http/routes/transfers/transfer-routes.js';
import { manageeRoutes } from './http/routes/managees/managee-routes.js';
import { identityVerificationPage, manageeSimulationRoutes } from './http/routes/simulations/managee-simulation-routes.js';
import { cryptoRoutes } from './http/routes/accounts/crypto-routes.js';
import { transactionRoutes } from './http/routes/accounts/transaction-routes.js';
import { simulationRoutes } from './http/routes/simulations/simulation-routes.js';
import { accountRoutes } from './http/routes/accounts/account-routes.js';
import type { Runtime } from './runtime.js';
import { stringifyExact } from './shared/exact-json.js';
import { requireAuthentication } from './http/auth-hook.js';
import { failure } from './http/envelope.js';
import { installErrorHandlers } from './http/error-handler.js';
import { installJsonBodyParser, JSON_CONTENT_TYPES } from './http/json-body.js';
import { installOpenApi } from './http/openapi.js';
import { bindRequest } from './http/request-binder.js';
import { healthRoutes } from './http/routes/health.js';
import { loginRoute } from './http/routes/login.js';
import { rateLimitPerMinute } from './http/rate-limit.js';

/** What the HTTP app needs: the runtime's services, plus the version and (tests) a log sink. */
export interface AppDeps extends Omit<Runtime, 'close'> {
  readonly version: string;
  /** Where logs go (stdout by default); tests capture them to check that no secret is logged. */
  readonly logStream?: DestinationStream;
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
      void (reply as FastifyReply).code(400).type('application/json; charset=utf-8').send(failure([{ fieldName: 'url', messageCode: 'Invalid' }]));
    },
  });
  // One schema drives binding, the wire format and the OpenAPI document.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart !== 'body' && httpPart !== 'querystring') return (data: unknown) => ({ value: data });
    return (data: unknown) => bindRequest(schema as TSchema, data, httpPart === 'body' ? 'body' : 'query');
  });
  // Every JSON body accepts both content types Ibanera's clients send; the OpenAPI document says so.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body !== undefined) route.schema.consumes = [...JSON_CONTENT_TYPES];
    routeTable.push({ method: ([] as string[]).concat(route.method).join(','), url: route.url, schema: route.schema ?? {} });
  });
  app.decorate('routeTable', routeTable);
  // The access log: one line when the answer is sent (method, path with query, client, status, ms).
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
  app.setSerializerCompiler(() => stringifyExact);
  app.setReplySerializer(stringifyExact);
  installJsonBodyParser(app, deps.config);
  installErrorHandlers(app);
  await installOpenApi(app, deps.version);

  healthRoutes(app, deps.database);
  if (deps.config.mode === 'sandbox') identityVerificationPage(app, deps.managees);
  await app.register(async (scope) => {
    rateLimitPerMinute(scope, deps.config.loginRatePerMinute, () => deps.clock.nowMs());
    loginRoute(scope, deps.auth);
  });
  await app.register(async (scope) => {
    requireAuthentication(scope, deps.auth);
    registerProtectedRoutes(scope, deps);
  });
  return app;
}

/** Routes that need a token and an OTP. Each module adds its routes here. */
function registerProtectedRoutes(scope: FastifyInstance, deps: AppDeps): void {
  accountRoutes(scope, deps);
  transactionRoutes(scope, deps);
  cryptoRoutes(scope, deps);
  manageeRoutes(scope, deps);
  transferRoutes(scope, deps);
  payeeRoutes(scope, deps);
  cancellationRoutes(scope, deps);
  if (deps.config.mode === 'sandbox') {
    simulationRoutes(scope, deps);
    manageeSimulationRoutes(scope, deps);
  }
}
