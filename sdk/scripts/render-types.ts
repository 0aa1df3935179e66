/**
 * Renders sdk/src/generated/operations.ts from the server's OpenAPI document (docs/openapi.json):
 * one entry per operation with its query, body and `details` types, and the run-time facts the
 * client needs (paged or not, which members are decimals). Pure: the drift test calls it too.
 */
type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
  description?: string;
};
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema; description?: string };
type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: unknown[];
};
export type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

type Side = 'in' | 'out';
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function keyOf(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function indentOf(depth: number): string {
  return '  '.repeat(depth);
}

/** The TypeScript type of a schema; `in` (requests) accepts what a caller may send, `out` what the server answers. */
export function typeOf(schema: Schema | undefined, side: Side, depth: number): string {
  if (schema === undefined) return 'unknown';
  const nullable = schema.nullable === true ? ' | null' : '';
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches !== undefined) return branches.map((s) => typeOf(s, side, depth)).join(' | ') + nullable;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v) => v !== null);
    if (values.length === 0) return 'null';
    return values.map((v) => JSON.stringify(v)).join(' | ') + nullable;
  }
  switch (schema.type) {
    case 'string':
      return 'string' + nullable;
    case 'integer':
      return (side === 'in' ? 'number | string' : 'number') + nullable;
    case 'number':
      return (side === 'in' ? 'DecimalInput' : 'Decimal') + nullable;
    case 'boolean':
      return 'boolean' + nullable;
    case 'null':
      return 'null';
    case 'array':
      return `Array<${typeOf(schema.items, side, depth)}>` + nullable;
    case 'object':
      return objectType(schema, side, depth) + nullable;
    case undefined:
    default:
      return 'unknown';
  }
}

function objectType(schema: Schema, side: Side, depth: number): string {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return 'Record<string, unknown>';
  const required = new Set(schema.required ?? []);
  const lines = properties.map(([name, property]) => {
    const doc = property.description === undefined ? '' : `${indentOf(depth + 1)}/** ${property.description.replace(/\*\//g, '*\\/')} */\n`;
    return `${doc}${indentOf(depth + 1)}${keyOf(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, side, depth + 1)};`;
  });
  return `{\n${lines.join('\n')}\n${indentOf(depth)}}`;
}

/** Paths of the members that are decimals (`type: number`), as exact-json.ts names them. */
export function decimalPathsOf(schema: Schema | undefined, path: string, out: string[]): string[] {
  if (schema === undefined) return out;
  for (const branch of schema.anyOf ?? schema.oneOf ?? []) decimalPathsOf(branch, path, out);
  if (schema.type === 'number' && !out.includes(path)) out.push(path);
  if (schema.type === 'array') decimalPathsOf(schema.items, `${path}[]`, out);
  for (const [name, property] of Object.entries(schema.properties ?? {})) decimalPathsOf(property, path === '' ? name : `${path}.${name}`, out);
  return out;
}

function jsonSchemaOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

function queryType(parameters: readonly Parameter[]): string {
  const query = parameters.filter((p) => p.in === 'query');
  if (query.length === 0) return 'never';
  const schema: Schema = { type: 'object', properties: {}, required: [] };
  for (const p of query) {
    schema.properties![p.name] = { ...(p.schema ?? {}), ...(p.description === undefined ? {} : { description: p.description }) };
    if (p.required === true) schema.required!.push(p.name);
  }
  return typeOf(schema, 'in', 2);
}

interface Rendered {
  key: string;
  summary: string;
  type: string;
  meta: string;
}

function renderOperation(method: string, path: string, operation: Operation): Rendered {
  const key = `${method.toUpperCase()} ${path}`;
  const body = jsonSchemaOf(operation.requestBody?.content);
  const answer = jsonSchemaOf(operation.responses?.['200']?.content);
  const details = answer?.properties?.['details'];
  const paged = answer?.properties?.['numberOfPages'] !== undefined;
  const detailsType = details === undefined ? 'null' : paged ? typeOf(details.items, 'out', 2) : typeOf(details, 'out', 2);
  const type = [
    `  /** ${(operation.summary ?? key).replace(/\*\//g, '*\\/')} */`,
    `  ${JSON.stringify(key)}: {`,
    `    query: ${queryType(operation.parameters ?? [])};`,
    `    body: ${body === undefined ? 'never' : typeOf(body, 'in', 2)};`,
    `    /** The answer's \`details\`${paged ? ' (one item of the paged list)' : ''}. */`,
    `    details: ${detailsType};`,
    `    paged: ${paged};`,
    `  };`,
  ].join('\n');
  const meta = `  ${JSON.stringify(key)}: { paged: ${paged}, authenticated: ${(operation.security?.length ?? 0) > 0}, responseDecimals: ${JSON.stringify(decimalPathsOf(answer, '', []))}, bodyDecimals: ${JSON.stringify(decimalPathsOf(body, '', []))} },`;
  return { key, summary: operation.summary ?? '', type, meta };
}

export function renderOperations(document: OpenApiDocument): string {
  const rendered: Rendered[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (operation !== undefined) rendered.push(renderOperation(method, path, operation));
    }
  }
  rendered.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [
    '// Generated from docs/openapi.json by sdk/scripts/generate-types.ts: do not edit.',
    '// Regenerate after a route change with `npm run generate -w ibanera-server-sdk` (a test fails when this file is stale).',
    "import type { Decimal, DecimalInput } from '../decimal.js';",
    '',
    '/** Every operation of the API, by `METHOD path`: its query, body and the `details` of its answer. */',
    'export interface Operations {',
    rendered.map((r) => r.type).join('\n'),
    '}',
    '',
    '/** What the client needs at run time: paged lists, authentication, and where the decimals are. */',
    'export const OPERATIONS = {',
    rendered.map((r) => r.meta).join('\n'),
    '} as const satisfies Record<keyof Operations, OperationMeta>;',
    '',
    'export interface OperationMeta {',
    '  readonly paged: boolean;',
    '  readonly authenticated: boolean;',
    '  readonly responseDecimals: readonly string[];',
    '  readonly bodyDecimals: readonly string[];',
    '}',
    '',
  ].join('\n');
}
