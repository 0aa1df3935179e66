// The SDK's pure parts: exact JSON both ways, decimal units, TOTP against RFC 6238's vectors, the
// QuickBuy signature, and the generated operation types against docs/openapi.json (drift check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { renderOperations, type OpenApiDocument } from '../scripts/render-types.js';
import { fromUnits, parseExact, stringifyExact, toUnits, totpCodeAtStep, verifyQuickbuySignature } from '../src/index.js';

test('parseExact keeps every digit: decimals as text, integers as numbers only when safe', () => {
  const parsed = parseExact('{"details":[{"amount":0,"id":7},{"amount":123456789.123456789123456789,"id":9007199254740993}],"other":0.1}', new Set(['details[].amount']));
  assert.deepEqual(parsed, {
    details: [
      { amount: '0', id: 7 },
      { amount: '123456789.123456789123456789', id: '9007199254740993' },
    ],
    other: '0.1',
  });
  assert.throws(() => parseExact('{"a":1,}'), SyntaxError);
  assert.throws(() => parseExact('[1] x'), SyntaxError);
  assert.throws(() => parseExact('['.repeat(100) + ']'.repeat(100)), SyntaxError);
  assert.deepEqual(parseExact('{"__proto__":{"x":1}}'), JSON.parse('{"__proto__":{"x":1}}'));
});

test('stringifyExact writes decimals as literals and refuses JavaScript numbers for them', () => {
  const decimals = new Set(['Amount', 'items[].Amount']);
  assert.equal(
    stringifyExact({ Amount: '100000000000000000.000000000000000001', Id: 3, items: [{ Amount: 5n }], skip: undefined }, decimals),
    '{"Amount":100000000000000000.000000000000000001,"Id":3,"items":[{"Amount":5}]}',
  );
  assert.throws(() => stringifyExact({ Amount: 0.1 }, decimals), /never a JavaScript number/);
  assert.throws(() => stringifyExact({ Amount: '1e5' }, decimals), /not a decimal literal/);
});

test('toUnits / fromUnits convert exactly and refuse to round', () => {
  assert.equal(toUnits('12.5', 2), 1250n);
  assert.equal(toUnits('-0.01', 2), -1n);
  assert.equal(fromUnits(-1n, 2), '-0.01');
  assert.equal(fromUnits(toUnits('90071992547409.93', 2) + 1n, 2), '90071992547409.94');
  assert.throws(() => toUnits('1.001', 2), /3 decimals; at most 2/);
});

test('TOTP codes match RFC 6238 (SHA-1 test vectors, 6 digits)', () => {
  const secret = Buffer.from('12345678901234567890', 'ascii');
  assert.equal(totpCodeAtStep(secret, Math.floor(59 / 30)), '287082');
  assert.equal(totpCodeAtStep(secret, Math.floor(1111111109 / 30)), '081804');
  assert.equal(totpCodeAtStep(secret, Math.floor(20000000000 / 30)), '353130');
});

test('verifyQuickbuySignature checks base64(sha256(body + secret)) in any header casing', () => {
  const body = '{"OrderID":"662d","status":"CAPTURED"}';
  const signature = createHash('sha256').update(`${body}s3cret`).digest('base64');
  assert.equal(verifyQuickbuySignature(body, { 'QuickBuy-Signature': signature }, 's3cret'), true);
  assert.equal(verifyQuickbuySignature(`${body} `, { 'quickbuy-signature': signature }, 's3cret'), false);
  assert.equal(verifyQuickbuySignature(body, {}, 's3cret'), false);
});

test('sdk/src/generated/operations.ts is what the generator makes of docs/openapi.json (run `npm run generate -w ibanera-server-sdk`)', () => {
  const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
  assert.equal(readFileSync(new URL('../src/generated/operations.ts', import.meta.url), 'utf8'), renderOperations(document));
});

test('the SDK imports only itself and node: built-ins (no server code, no dependency)', () => {
  const dir = new URL('../src/', import.meta.url);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length > 5);
  const outside = files.flatMap((file) =>
    [...readFileSync(new URL(file, dir), 'utf8').matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)]
      .map((m) => m[1] ?? '')
      .filter((specifier) => (!specifier.startsWith('node:') && !(specifier.startsWith('./') || specifier.startsWith('../'))) || specifier.includes('../../'))
      .map((specifier) => `${file}: ${specifier}`),
  );
  assert.deepEqual(outside, []);
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest['dependencies'], undefined);
});
