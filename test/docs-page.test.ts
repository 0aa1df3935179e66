// /docs: a `servers` entry, the bearer token and the otp as security schemes (asked once, not per
// operation), the 4xx envelope with status "0" and a real example, and in the sandbox a TOTP helper
// whose codes are the server's own (run here in a stand-in page with WebCrypto).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { totpCode } from '../sdk/src/index.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { DOCS_TOTP_SCRIPT } from '../src/http/docs-totp-helper.js';

type Operation = {
  parameters?: { name: string; in: string }[];
  security?: unknown[];
  responses: Record<string, { content?: { 'application/json'?: { schema?: Record<string, unknown> } } }>;
};

describe('the API reference', () => {
  let sandbox: TestServer;
  before(async () => {
    sandbox = await startTestServer({ MODE: 'sandbox' });
  });
  after(() => sandbox.close());

  test('servers, security schemes instead of an otp parameter per operation, and 4xx examples with status "0"', async () => {
    const document = JSON.parse((await sandbox.call('GET', '/openapi.json')).body) as {
      servers: { url: string }[];
      components: { securitySchemes: Record<string, { type: string; name?: string }> };
      paths: Record<string, Record<string, Operation>>;
    };
    assert.equal(document.servers[0]?.url, '/');
    assert.deepEqual(document.components.securitySchemes.otp, { ...document.components.securitySchemes.otp, type: 'apiKey', name: 'otp' });
    let protectedCount = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        assert.equal(operation.parameters?.some((p) => p.in === 'header' && p.name === 'otp') ?? false, false, `${method} ${path}`);
        // QuickBuy Pro has its own key and its own envelope ({success, message}: docs/quickbuy.md).
        if (path.startsWith('/quickbuy/')) {
          if (operation.security !== undefined) assert.deepEqual(operation.security, [{ quickbuyKey: [] }], `${method} ${path}`);
          continue;
        }
        if (operation.security !== undefined) {
          protectedCount++;
          assert.deepEqual(operation.security, [{ bearer: [], otp: [] }], `${method} ${path}`);
        }
        const error = operation.responses['4XX']?.content?.['application/json']?.schema;
        if (error === undefined) continue;
        assert.deepEqual((error.properties as { status: unknown }).status, { enum: ['0'], type: 'string' }, `${method} ${path}`);
        assert.equal((error.example as { status: string }).status, '0');
      }
    }
    assert.ok(protectedCount > 20);
  });

  test('sandbox /docs loads the TOTP helper and fills a fresh otp into each request; production does not', async () => {
    const html = (await sandbox.call('GET', '/docs/')).body;
    const src = /src="\.\/(static\/[^"]*totp-helper\.js)"/.exec(html)?.[1];
    assert.ok(src !== undefined, html);
    assert.equal((await sandbox.call('GET', `/docs/${src}`)).body, DOCS_TOTP_SCRIPT);
    assert.match((await sandbox.call('GET', '/docs/static/swagger-initializer.js')).body, /"requestInterceptor":function addOtp\(request\)/);
    const production = await startTestServer({ MODE: 'production' });
    try {
      const page = await production.call('GET', '/docs/');
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /totp-helper/);
    } finally {
      await production.close();
    }
  });

  test('the helper computes the same codes as the server (RFC 6238) and fills the login body too', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const storage = new Map<string, string>([['ibanera-totp-secret', secret]]);
    const page: Record<string, unknown> = {
      crypto: globalThis.crypto,
      sessionStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) },
      document: { readyState: 'loading', addEventListener: () => undefined },
      Uint8Array,
      ArrayBuffer,
      DataView,
      JSON,
      String,
      Math,
      Date,
    };
    page.window = page;
    runInNewContext(DOCS_TOTP_SCRIPT, page);
    const add = page.ibaneraAddOtp as (r: { url: string; headers: Record<string, string>; body?: string }) => Promise<{ headers: Record<string, string>; body?: string }>;
    const call = await add({ url: 'http://localhost/api/v1/customer/accounts/balances', headers: {} });
    const login = await add({ url: 'http://localhost/api/v1/public/auth/login', headers: {}, body: '{"username":"u","password":"p","otp":""}' });
    const expected = totpCode(secret);
    // A step boundary may pass between the two computations: accept the code of either side.
    assert.ok([expected, totpCode(secret, Date.now() - 30_000)].includes(call.headers.otp ?? ''), `${call.headers.otp} vs ${expected}`);
    assert.equal(login.headers.otp, undefined, 'the public login takes the code in its body');
    assert.match(login.body ?? '', /"otp":"\d{6}"/);
  });
});
