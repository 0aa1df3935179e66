import { startTestServer } from './test-server.js';

/** The OpenAPI document of a sandbox server (all routes), with a fixed version so it can be compared. */
export async function renderOpenApiDocument(): Promise<unknown> {
  const server = await startTestServer({ MODE: 'sandbox', LOG_LEVEL: 'silent' });
  try {
    const response = await server.call('GET', '/openapi.json');
    const document = JSON.parse(response.body) as { info: { version: string } };
    document.info.version = 'generated';
    return document;
  } finally {
    await server.close();
  }
}
