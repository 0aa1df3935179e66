import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The OpenAPI document at /openapi.json, generated from the route schemas, and a reference UI at /docs. */
export async function installOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ibanera-server — Ibanera Customer API',
        description:
          'A self-hostable, wire-compatible implementation of the Ibanera Customer API. Every protected route needs `Authorization: Bearer <accessToken>` and an `otp` header with the current TOTP.',
        version,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          // QuickBuy Pro: `Authorization: Bearer <key>` or `X-Api-Key: <key>` (docs/quickbuy.md).
          quickbuyKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
}
