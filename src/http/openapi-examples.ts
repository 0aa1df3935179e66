import { readFileSync } from 'node:fs';
import { JsonNumber, parseExactJson } from '../shared/exact-json.js';

/**
 * The API reference's examples: answers the test suite produced and checks, recorded by
 * `npm run docs:examples` into docs/api-examples.json (docs/sdk.md, "Examples in the API reference").
 * test/docs-examples.test.ts checks each against the route's current schemas, so an example cannot
 * drift from the contract.
 */

/** One recorded exchange: the test file that produced it, what was sent and what was answered. */
export interface ApiExample {
  readonly source: string;
  /** The HTTP status, as text ("200"). */
  readonly status: string;
  readonly query?: Readonly<Record<string, unknown>>;
  readonly body?: unknown;
  readonly response: unknown;
}

/** An operation's examples: one success, and one answer per 4xx status ("400", "401"…). */
export interface OperationExamples {
  readonly success?: ApiExample;
  readonly errors?: Readonly<Record<string, ApiExample>>;
}

/** By operation, spelled as the document does: "POST /api/v1/public/auth/login". */
export type ApiExamples = Readonly<Record<string, OperationExamples>>;

export const API_EXAMPLES_FILE = new URL('../../docs/api-examples.json', import.meta.url);
const EXACT_LIMITS = { depthMax: 64, stringLengthMax: 10_000_000, keysMax: 1_000_000 };

/** The recorded examples; none when the file is absent (a build without docs/). */
export function readApiExamples(file: URL = API_EXAMPLES_FILE): ApiExamples {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return parseExactJson(text, EXACT_LIMITS) as ApiExamples;
}

/**
 * A number literal of an example: written verbatim in /openapi.json (it is a JsonNumber), and as a
 * number by the YAML writer of /docs/yaml, which knows only `toJSON`.
 */
class ExampleNumber extends JsonNumber {
  toJSON(): number {
    return Number(this.text);
  }
}

function forDocument(value: unknown): unknown {
  if (value instanceof JsonNumber) return new ExampleNumber(value.text);
  if (Array.isArray(value)) return value.map(forDocument);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, forDocument(member)]));
}

type Media = { schema?: { type?: string }; examples?: Record<string, { summary: string; value: unknown }> };
type Parameter = { in: string; name: string; schema?: { type?: string }; example?: unknown };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
};
type Document = { paths?: Record<string, Record<string, Operation>> };

/** The document with each operation's recorded examples on its query, body and responses. */
export function withExamples<D>(document: D, examples: ApiExamples): D {
  for (const [path, operations] of Object.entries((document as Document).paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      const found = examples[`${method.toUpperCase()} ${path}`];
      if (found?.success !== undefined) addSuccess(operation, found.success);
      for (const [status, example] of Object.entries(found?.errors ?? {})) addError(operation, status, example);
    }
  }
  return document;
}

function addSuccess(operation: Operation, example: ApiExample): void {
  const summary = `Recorded from ${example.source}`;
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'query' || example.query === undefined) continue;
    const key = Object.keys(example.query).find((k) => k.toLowerCase() === parameter.name.toLowerCase());
    if (key !== undefined) parameter.example = typedQueryValue(example.query[key], parameter.schema?.type);
  }
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
    if (example.body !== undefined && type.includes('json')) media.examples = { recorded: { summary, value: forDocument(example.body) } };
  }
  const media = operation.responses?.[example.status]?.content?.['application/json'];
  if (media !== undefined) media.examples = { recorded: { summary, value: forDocument(example.response) } };
}

/** Every 4xx answer shares one response (`4XX`); each recorded status is one of its examples. */
function addError(operation: Operation, status: string, example: ApiExample): void {
  const media = operation.responses?.['4XX']?.content?.['application/json'];
  if (media === undefined) return;
  const first = (example.response as { errors?: { messageCode?: string; fieldName?: string }[] }).errors?.[0];
  const cause = first === undefined ? '' : ` ${first.messageCode ?? ''}${first.fieldName ? ` (${first.fieldName})` : ''}`;
  media.examples = { ...media.examples, [status]: { summary: `${status}${cause}, recorded from ${example.source}`, value: forDocument(example.response) } };
}

/** A query value arrives as text; the example shows it as the parameter's type. */
function typedQueryValue(value: unknown, type: string | undefined): unknown {
  if (typeof value !== 'string') return value;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return new ExampleNumber(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
