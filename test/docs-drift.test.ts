import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderErrorCatalogMarkdown } from '../src/shared/error-catalog-markdown.js';
import { MESSAGE_CODES } from '../src/shared/error-catalog.js';
import { parseExactJson } from '../src/shared/exact-json.js';
import { renderOpenApiDocument } from './helpers/openapi-document.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

test('docs/error-codes.md matches the error catalog (run npm run docs:generate)', () => {
  assert.equal(read('docs/error-codes.md'), renderErrorCatalogMarkdown());
});

test('every messageCode Ibanera documents is in the catalog', () => {
  for (const code of [
    'Required',
    'Invalid',
    'Invalid_Length',
    'Account_Limit_Reached',
    'Documents_Not_Verified',
    'Transaction_Blocked',
    'Username_Or_Password_Incorrect',
    'Account_Not_Verified',
    'Account_Locked',
    'Account_Suppressed',
    'Insufficient_Funds',
    'Invalid_Source_Account',
    'Invalid_Destination_Account',
    'Invalid_Asset',
    'User_Not_Found',
  ]) {
    assert.ok(code in MESSAGE_CODES, code);
    assert.equal(MESSAGE_CODES[code as keyof typeof MESSAGE_CODES].origin, 'ibanera', code);
  }
});

test('docs/openapi.json matches the routes and the recorded examples (run npm run docs:generate)', async () => {
  // Exact parsing on both sides: an example's number literal must match digit for digit.
  const committed = parseExactJson(read('docs/openapi.json'), { depthMax: 256, stringLengthMax: 10_000_000, keysMax: 1_000_000 });
  assert.deepStrictEqual(committed, await renderOpenApiDocument());
});
