import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { DOCS_TOTP_SCRIPT } from './docs-totp-helper.js';
import { readApiExamples, withExamples } from './openapi-examples.js';

/** Runs in the browser (serialized by @fastify/swagger-ui): the sandbox helper adds a fresh otp. */
function addOtp<R>(request: R): R | Promise<R> {
  const helper = (globalThis as { ibaneraAddOtp?: (r: R) => Promise<R> }).ibaneraAddOtp;
  return helper === undefined ? request : helper(request);
}

/** The OpenAPI document at /openapi.json, generated from the route schemas, and a reference UI at /docs. */
export async function installOpenApi(app: FastifyInstance, version: string, sandbox = false): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ibanera-server — Ibanera Customer API',
        description:
          'A self-hostable, wire-compatible implementation of the Ibanera Customer API. Every protected route needs `Authorization: Bearer <accessToken>` and an `otp` header with the current TOTP.',
        version,
      },
      servers: [
        { url: '/', description: 'This server' },
        { url: 'https://public-api.ibanera.com', description: 'Ibanera production (the same API; not callable from this page)' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/v1/public/auth/login.' },
          otp: {
            type: 'apiKey',
            in: 'header',
            name: 'otp',
            description: 'The current TOTP (6 digits, 30 s step) from the shared secret, on every call. In the sandbox, /docs fills it in from the secret you enter once.',
          },
          // QuickBuy Pro: `Authorization: Bearer <key>` or `X-Api-Key: <key>` (docs/quickbuy.md).
          quickbuyKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Api-Key',
            description: 'A QuickBuy API key (ibanera-server quickbuy keys create); also accepted as Authorization: Bearer <key>.',
          },
        },
      },
    },
    // Real examples: answers the test suite checks (docs/api-examples.json), read when the document is first asked for.
    transformObject: (document) => ('openapiObject' in document ? withExamples(document.openapiObject, readApiExamples()) : document.swaggerObject),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, requestInterceptor: addOtp },
    ...(sandbox ? { theme: { js: [{ filename: 'totp-helper.js', content: DOCS_TOTP_SCRIPT }] } } : {}),
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
