import { parseExactJson } from '../../src/shared/exact-json.js';
import { formatExactJson } from './exact-json-text.js';
import { startTestServer } from './test-server.js';

/**
 * The OpenAPI document of a sandbox server (all routes), with a fixed version so it can be compared.
 * Number literals (in the recorded examples) are kept exactly as the server wrote them.
 */
export async function renderOpenApiDocument(): Promise<unknown> {
  const server = await startTestServer({ MODE: 'sandbox', LOG_LEVEL: 'silent' });
  try {
    const response = await server.call('GET', '/openapi.json');
    const document = parseExactJson(response.body, { depthMax: 256, stringLengthMax: 10_000_000, keysMax: 1_000_000 }) as { info: { version: string } };
    document.info.version = 'generated';
    return document;
  } finally {
    await server.close();
  }
}

/** docs/openapi.json as `npm run docs:generate` writes it. */
export async function renderOpenApiText(): Promise<string> {
  return `${formatExactJson(await renderOpenApiDocument())}\n`;
}
