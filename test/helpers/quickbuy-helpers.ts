// Helpers for the QuickBuy tests: API keys through the CLI, QuickBuy Pro calls with a key, the
// payment page's form posts, the form token read from the page, the widget's signature token and
// the Quickbuy-Signature a receiver checks — all recomputed here with node:crypto.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { TestServer } from './test-server.js';

export interface QuickBuyKey {
  readonly keyId: string;
  readonly apiKey: string;
  readonly secret: string;
}

export async function createKey(server: TestServer, username: string, options: { origins?: string[]; callbackUrl?: string } = {}): Promise<QuickBuyKey> {
  const args = ['quickbuy', 'keys', 'create', '--username', username, '--json'];
  for (const origin of options.origins ?? []) args.push('--origin', origin);
  if (options.callbackUrl !== undefined) args.push('--callback-url', options.callbackUrl);
  const result = await server.cli(args);
  assert.equal(result.exitCode, 0, result.stderr);
  return JSON.parse(result.stdout) as QuickBuyKey;
}

export type ProCall = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, how?: 'bearer' | 'x-api-key') => Promise<LightMyRequestResponse>;

export function proClient(server: TestServer, apiKey: string): ProCall {
  return (method, url, body, how = 'x-api-key') =>
    server.call(method, url, { ...(body === undefined ? {} : { body }), headers: how === 'bearer' ? { authorization: `Bearer ${apiKey}` } : { 'x-api-key': apiKey } });
}

export function proJson(response: LightMyRequestResponse): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

/** A Pro failure: this status, `success: false`, this code on this field. */
export function assertProError(response: LightMyRequestResponse, status: number, messageCode: string, fieldName?: string): void {
  assert.equal(response.statusCode, status, response.body);
  const body = proJson(response);
  assert.equal(body.success, false, response.body);
  assert.equal(typeof body.message, 'string');
  assert.equal(body.messageCode, messageCode, response.body);
  if (fieldName !== undefined) assert.equal(body.fieldName, fieldName, response.body);
  assert.equal('details' in body, false);
}

let referenceCounter = 0;

export function createBody(overrides: { client?: Record<string, unknown>; payment?: Record<string, unknown>; redirectURL?: unknown } = {}) {
  referenceCounter += 1;
  return {
    client: {
      reference: `buyer-reference-${String(referenceCounter).padStart(4, '0')}`,
      first: 'Joe',
      last: 'Buyer',
      email: 'joe@example.com',
      phone: '+1 212 555 0100',
      ...overrides.client,
    },
    payment: { amount: 25, currency: 'USD', timeoutMin: 30, ...overrides.payment },
    ...('redirectURL' in overrides ? (overrides.redirectURL === undefined ? {} : { redirectURL: overrides.redirectURL }) : { redirectURL: 'https://merchant.example/thanks' }),
  };
}

/** The hidden form token of a page. */
export function formToken(html: string): string {
  const match = /name="token" value="([A-Za-z0-9_-]+)"/.exec(html);
  assert.ok(match !== null, `no form token in: ${html.slice(0, 400)}`);
  return match[1] as string;
}

export const SUCCESS_CARD = { HolderName: 'Joe Buyer', CardNumber: '4242 4242 4242 4242', ExpiryMonth: '12', ExpiryYear: String(new Date().getUTCFullYear() + 2), Cvc: '123' };

export function postForm(server: TestServer, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return server.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

/** Quickbuy-Signature as the docs define it: base64(SHA-256(body + secret)). */
export function quickbuySignature(rawBody: string, secret: string): string {
  return createHash('sha256')
    .update(rawBody + secret, 'utf8')
    .digest('base64');
}

/** The widget's signature token, as the merchant's server makes it (docs/quickbuy.md). */
export function widgetToken(secret: string, customerId: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${customerId}.${timestamp}`, 'utf8').digest('hex');
}
