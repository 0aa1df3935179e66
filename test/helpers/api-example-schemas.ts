/**
 * Checks a recorded example against its route's current schemas: the request as the server binds
 * it (request-binder.ts) and as documented (JSON Schema, exact spelling and types), the answer as
 * documented. The recording script keeps only examples that pass; test/docs-examples.test.ts checks
 * the committed ones again, so a contract change that breaks an example fails the suite.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { RouteEntry } from '../../src/app.js';
import { bindRequest } from '../../src/http/request-binder.js';
import type { ApiExample } from '../../src/http/openapi-examples.js';
import { parseIsoInstant } from '../../src/shared/iso-date.js';
import { JsonNumber } from '../../src/shared/exact-json.js';
import { INT32_MAX } from '../../src/shared/contract-fields.js';

type Schema = Record<string, unknown>;

function newAjv(coerceTypes: boolean): Ajv {
  // strict: false, because the schemas carry our own keywords (`x-bind`) and OpenAPI's `example`.
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes });
  ajv.addFormat('decimal', { type: 'number', validate: () => true });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32_MAX - 1 && n <= INT32_MAX });
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => parseIsoInstant(text) !== null });
  return ajv;
}

const strictAjv = newAjv(false);
/** Query values are text on the wire; the documented types apply after conversion. */
const queryAjv = newAjv(true);
const compiled = new Map<Ajv, WeakMap<object, ValidateFunction>>([
  [strictAjv, new WeakMap()],
  [queryAjv, new WeakMap()],
]);

function check(ajv: Ajv, schema: Schema, value: unknown, what: string): string[] {
  const cache = compiled.get(ajv) as WeakMap<object, ValidateFunction>;
  let validate = cache.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    cache.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${what}${e.instancePath} ${e.message ?? 'is invalid'}${e.params === undefined ? '' : ` ${JSON.stringify(e.params)}`}`);
}

/** The value JSON.parse would give: number literals become numbers (only to check types and ranges). */
export function plainJson(value: unknown): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(plainJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)]));
}

/** The route that serves an operation ("GET /api/v1/…"), from the app's route table. */
export function routeOf(routeTable: readonly RouteEntry[], operation: string): RouteEntry | undefined {
  const [method, path] = operation.split(' ') as [string, string];
  const url = path.replace(/\{(\w+)\}/g, ':$1');
  return routeTable.find((r) => r.url === url && r.method.split(',').includes(method));
}

function takesJsonBody(route: RouteEntry): boolean {
  const consumes = (route.schema as { consumes?: string[] }).consumes ?? [];
  return route.schema.body !== undefined && consumes.some((c) => c.includes('json'));
}

/** Problems of a success example (none: it is what the contract says today). */
export function successProblems(route: RouteEntry, example: ApiExample): string[] {
  const problems: string[] = [];
  const schema = route.schema as { body?: Schema; querystring?: Schema; response?: Record<string, Schema> };
  if (takesJsonBody(route)) {
    if (example.body === undefined) problems.push('no request body');
    else problems.push(...requestProblems(schema.body as Schema, example.body, 'body', strictAjv));
  } else if (example.body !== undefined) problems.push('a request body the route does not take');
  if (example.query !== undefined) {
    if (schema.querystring === undefined) problems.push('a query the route does not take');
    else problems.push(...requestProblems(schema.querystring, example.query, 'query', queryAjv));
  }
  problems.push(...responseProblems(schema.response, example, example.status));
  return problems;
}

/** Problems of a 4xx example: a 4xx status, answered in the route's documented error envelope. */
export function errorProblems(route: RouteEntry, status: string, example: ApiExample): string[] {
  const problems = /^4\d\d$/.test(status) && example.status === status ? [] : [`status ${example.status} recorded as ${status}`];
  const response = (route.schema as { response?: Record<string, Schema> }).response;
  return [...problems, ...responseProblems(response, example, '4xx')];
}

function requestProblems(schema: Schema, value: unknown, part: 'body' | 'query', ajv: Ajv): string[] {
  const bound = bindRequest(schema as never, value, part);
  const refused = 'error' in bound ? bound.error.errors.map((e) => `${part}: the server refuses it (${e.fieldName} ${e.messageCode})`) : [];
  // A copy: coercion (query) converts in place.
  return [...refused, ...undocumented(schema, value, part), ...check(ajv, schema, plainJson(value), part)];
}

function responseProblems(responses: Record<string, Schema> | undefined, example: ApiExample, key: string): string[] {
  const schema = responses?.[key] ?? responses?.[key.toUpperCase()];
  if (schema === undefined) return [`no response schema for ${key}`];
  return [...undocumented(schema, example.response, 'response'), ...check(strictAjv, schema, plainJson(example.response), 'response')];
}

/**
 * Members the schema does not name (exact spelling): the binder would drop or rename them, and a
 * reader of the reference would not find them documented.
 */
function undocumented(schema: Schema, value: unknown, where: string): string[] {
  const s = ((schema.anyOf as Schema[] | undefined)?.find((member) => member.type !== 'null') ?? schema) as Schema;
  if (Array.isArray(value)) return s.items === undefined ? [] : value.flatMap((item, i) => undocumented(s.items as Schema, item, `${where}[${i}]`));
  const properties = s.properties as Record<string, Schema> | undefined;
  if (properties === undefined || value === null || typeof value !== 'object' || value instanceof JsonNumber) return [];
  return Object.entries(value).flatMap(([key, member]) =>
    properties[key] === undefined ? [`${where}.${key} is not in the schema`] : undocumented(properties[key], member, `${where}.${key}`),
  );
}
