// The API reference's examples (docs/api-examples.json, shown by /openapi.json and /docs) are
// answers this suite produced and recorded (`npm run docs:examples`). This is their drift check:
// every operation has a success example, each still fits its route's current request and response
// schemas, no secret was recorded, and the served document carries them digit for digit.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readApiExamples, type ApiExample } from '../src/http/openapi-examples.js';
import { JsonNumber, parseExactJson } from '../src/shared/exact-json.js';
import { FULL_CARD_NUMBER, isPlaceholderCardNumber, placeholderCardNumber, SECRET_PLACEHOLDERS } from './helpers/api-example-recorder.js';
import { errorProblems, routeOf, successProblems } from './helpers/api-example-schemas.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** Operations the suite never answers successfully, each with the reason (none today). */
const WITHOUT_SUCCESS_EXAMPLE: Readonly<Record<string, string>> = {};

type Media = { examples?: Record<string, { value: unknown }> };
type Operation = {
  parameters?: { in: string; name: string; example?: unknown }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

describe('the API reference examples', () => {
  const examples = readApiExamples();
  let server: TestServer;
  let document: Document;
  before(async () => {
    server = await startTestServer({ MODE: 'sandbox' });
    const served = await server.call('GET', '/openapi.json');
    document = parseExactJson(served.body, { depthMax: 256, stringLengthMax: 10_000_000, keysMax: 1_000_000 }) as Document;
  });
  after(() => server.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })));

  test('every operation of the document has a success example, and every example names a current operation', () => {
    const keys = operations().map((o) => o.key);
    assert.ok(keys.length > 100, `${keys.length} operations`);
    const missing = keys.filter((key) => examples[key]?.success === undefined && WITHOUT_SUCCESS_EXAMPLE[key] === undefined);
    assert.deepEqual(missing, [], 'run npm run docs:examples (and add a test call where the suite never succeeds)');
    assert.deepEqual(
      Object.keys(examples).filter((key) => !keys.includes(key)),
      [],
      'examples of operations that no longer exist',
    );
    for (const key of Object.keys(WITHOUT_SUCCESS_EXAMPLE)) assert.equal(examples[key]?.success, undefined, `${key} has an example now: drop the exception`);
  });

  test('each success example fits its route: the server binds the request, and both sides match the documented schemas', () => {
    const problems: string[] = [];
    for (const [key, found] of Object.entries(examples)) {
      const route = routeOf(server.app.routeTable, key);
      if (route === undefined || found.success === undefined) continue;
      for (const problem of successProblems(route, found.success)) problems.push(`${key}: ${problem}`);
    }
    assert.deepEqual(problems, [], 'a contract change broke an example: fix the contract, or refresh with npm run docs:examples');
  });

  test('each 4xx example is the documented error envelope, recorded with that status', () => {
    const problems: string[] = [];
    let count = 0;
    for (const [key, found] of Object.entries(examples)) {
      const route = routeOf(server.app.routeTable, key);
      for (const [status, example] of Object.entries(found.errors ?? {})) {
        count++;
        if (route !== undefined) for (const problem of errorProblems(route, status, example)) problems.push(`${key} ${status}: ${problem}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(count > 100, `${count} error examples`);
  });

  test('no secret was recorded: tokens, passwords, TOTP codes and secrets, card numbers, CVCs and PINs are placeholders', () => {
    const leaks: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (value === null || typeof value !== 'object' || value instanceof JsonNumber) return;
      for (const [key, member] of Object.entries(value)) {
        const name = key.toLowerCase();
        if (name === 'cardnumber') {
          if (typeof member === 'string' && FULL_CARD_NUMBER.test(member) && !isPlaceholderCardNumber(member)) leaks.push(`${where}.${key}`);
          else cardNumbers++;
        } else if (SECRET_PLACEHOLDERS[name] !== undefined && member !== null && member !== SECRET_PLACEHOLDERS[name]) leaks.push(`${where}.${key}`);
        visit(member, `${where}.${key}`);
      }
    };
    let cardNumbers = 0;
    for (const [key, found] of Object.entries(examples)) visit(found, key);
    assert.deepEqual(leaks, []);
    // The placeholders themselves are in use (the check above is not vacuous).
    const text = JSON.stringify(examples);
    for (const placeholder of [SECRET_PLACEHOLDERS.accesstoken, SECRET_PLACEHOLDERS.password, SECRET_PLACEHOLDERS.otp, SECRET_PLACEHOLDERS.cvc]) {
      assert.ok(text.includes(`"${placeholder}"`), placeholder);
    }
    assert.ok(cardNumbers > 0);
    // A card number keeps its first digit and last four, passes Luhn, and shows nothing else.
    assert.equal(placeholderCardNumber('4242 4242 4242 4242'), '4111111111174242');
    assert.equal(isPlaceholderCardNumber(placeholderCardNumber('5555555555554444')), true);
    assert.equal(isPlaceholderCardNumber('4242424242424242'), false);
  });

  test('the served document shows them exactly: query, body, success and each 4xx, number literals as recorded', () => {
    let literals = 0;
    for (const { key, operation } of operations()) {
      const found = examples[key];
      const success = found?.success;
      if (success === undefined) continue;
      assert.deepStrictEqual(operation.responses[success.status]?.content?.['application/json']?.examples?.recorded?.value, success.response, key);
      for (const media of Object.entries(operation.requestBody?.content ?? {}).filter(([type]) => type.includes('json'))) {
        assert.deepStrictEqual(media[1].examples?.recorded?.value, success.body, key);
      }
      for (const [name, value] of Object.entries(success.query ?? {})) {
        const parameter = operation.parameters?.find((p) => p.in === 'query' && p.name.toLowerCase() === name.toLowerCase());
        assert.equal(String(exampleText(parameter?.example)), value, `${key} ${name}`);
      }
      for (const [status, example] of Object.entries(found?.errors ?? {})) {
        assert.deepStrictEqual(operation.responses['4XX']?.content?.['application/json']?.examples?.[status]?.value, example.response, `${key} ${status}`);
      }
      literals += countNumbers(success);
    }
    assert.ok(literals > 100, `${literals} number literals`);
  });
});

function exampleText(value: unknown): unknown {
  return value instanceof JsonNumber ? value.text : value;
}

function countNumbers(value: ApiExample | unknown): number {
  if (value instanceof JsonNumber) return 1;
  if (value === null || typeof value !== 'object') return 0;
  return Object.values(value).reduce((sum: number, member) => sum + countNumbers(member), 0);
}
