import type { TSchema } from '@sinclair/typebox';
import { parseDecimal } from '../shared/decimal.js';
import type { FieldError } from '../shared/domain-error.js';
import { DomainError } from '../shared/domain-error.js';
import { JsonNumber, repeatedKeysOf } from '../shared/exact-json.js';
import { parseIsoInstant } from '../shared/iso-date.js';
import { INT32_MAX } from '../shared/contract-fields.js';
import { say } from '../shared/error-messages.js';

/**
 * Binds a raw body or query object to a route's schema: keys are matched case-insensitively and
 * renamed to the schema's spelling, values are converted (exact decimals, numeric strings for ids),
 * and every problem becomes a FieldError with a catalog code. A key named twice and a NUL character
 * anywhere are refused, unknown members included. It never throws on any input.
 */
type Schema = TSchema & Record<string, unknown>;
type Bound = { ok: true; value: unknown } | { ok: false; error: FieldError };

const ABSENT = Symbol('absent');
/** A member named more than once (already reported): bound to nothing. */
const REPEATED = Symbol('repeated');

export function bindRequest(schema: TSchema, input: unknown, rootName: string): { value: unknown } | { error: DomainError } {
  const errors: FieldError[] = [];
  const value = bindObject(schema as Schema, input ?? {}, '', rootName, errors);
  return errors.length > 0 ? { error: DomainError.of(errors) } : { value };
}

function bindObject(schema: Schema, input: unknown, prefix: string, rootName: string, errors: FieldError[]): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || input instanceof JsonNumber) {
    const fieldName = containerName(prefix, rootName);
    errors.push({ fieldName, messageCode: 'Invalid', message: say.notAnObject(fieldName) });
    return undefined;
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const byLowerKey = membersByLowerKey(input as Record<string, unknown>, properties, prefix, rootName, errors);
  const required = new Set((schema.required ?? []) as string[]);
  const out: Record<string, unknown> = {};
  for (const [name, fieldSchema] of Object.entries(properties)) {
    const raw = byLowerKey.has(name.toLowerCase()) ? byLowerKey.get(name.toLowerCase()) : ABSENT;
    const fieldName = prefix + name;
    if (raw === REPEATED) continue;
    if (raw === ABSENT || raw === null || raw === '') {
      if (required.has(name)) errors.push({ fieldName, messageCode: 'Required', message: say.required(fieldName) });
      // Only a field declared Nullable keeps an explicit null; elsewhere null means "not given".
      else out[name] = raw === null && isNullable(fieldSchema) ? null : undefined;
      continue;
    }
    if (isObjectSchema(fieldSchema)) {
      out[name] = bindObject(fieldSchema, raw, `${fieldName}.`, rootName, errors);
      continue;
    }
    const bound = bindValue(fieldSchema, raw, fieldName, rootName, errors);
    if (bound.ok) {
      if (bound.value === 0 && fieldSchema['x-bind'] === 'id' && required.has(name)) {
        errors.push({ fieldName, messageCode: 'Required', message: say.required(fieldName) });
      } else out[name] = bound.value;
    } else errors.push(bound.error);
  }
  return out;
}

/** The name of the object a member belongs to: the body or query itself at the top. */
function containerName(prefix: string, rootName: string): string {
  return prefix === '' ? rootName : prefix.slice(0, -1);
}

/**
 * The input's members by lower-case key, refusing what no schema can express. A key named twice,
 * in any casing or verbatim: keys bind case-insensitively, so which value counted would be an
 * accident of order (`{"amount":"50.00",…,"Amount":"1.00"}` moved 50.00); its name maps to REPEATED.
 * A NUL character in a key, or anywhere in a member the schema does not describe: PostgreSQL cannot
 * store it in text (500), SQLite would keep it. Each problem is reported once, under the documented
 * spelling where there is one.
 */
function membersByLowerKey(input: Record<string, unknown>, properties: Record<string, Schema>, prefix: string, rootName: string, errors: FieldError[]): Map<string, unknown> {
  const documented = new Map(Object.keys(properties).map((name) => [name.toLowerCase(), name]));
  const byLowerKey = new Map<string, unknown>();
  const firstSpelling = new Map<string, string>();
  const repeated = (key: string) => {
    const lower = key.toLowerCase();
    if (byLowerKey.get(lower) === REPEATED) return;
    byLowerKey.set(lower, REPEATED);
    const fieldName = prefix + (documented.get(lower) ?? firstSpelling.get(lower) ?? key);
    errors.push({ fieldName, messageCode: 'Invalid', message: say.repeated(fieldName) });
  };
  let nulInKey = false;
  for (const [key, value] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (key.includes('\0')) nulInKey = true;
    else if (byLowerKey.has(lower)) repeated(key);
    else {
      byLowerKey.set(lower, value);
      firstSpelling.set(lower, key);
      if (!documented.has(lower)) reportFreeValue(value, prefix + key, rootName, errors);
    }
  }
  for (const key of repeatedKeysOf(input)) repeated(key);
  if (nulInKey) errors.push({ fieldName: containerName(prefix, rootName), messageCode: 'Invalid', message: say.nul(`a key of ${containerName(prefix, rootName)}`) });
  return byLowerKey;
}

/**
 * A value no schema describes (an unknown member, an item of a free-form list) is dropped or kept
 * as it is, so only the members' rules apply to it: no NUL, no key named twice. At most one error
 * per such value (its first problem), so that a large free-form value cannot multiply the answer.
 */
function reportFreeValue(value: unknown, fieldName: string, rootName: string, errors: FieldError[]): void {
  const found: FieldError[] = [];
  checkFreeValue(value, fieldName, rootName, found);
  if (found[0] !== undefined) errors.push(found[0]);
}

function checkFreeValue(value: unknown, fieldName: string, rootName: string, errors: FieldError[]): void {
  if (typeof value === 'string') {
    if (value.includes('\0')) errors.push({ fieldName, messageCode: 'Invalid', message: say.nul(fieldName) });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkFreeValue(item, `${fieldName}[${i}]`, rootName, errors);
  } else if (value !== null && typeof value === 'object' && !(value instanceof JsonNumber)) {
    membersByLowerKey(value as Record<string, unknown>, {}, `${fieldName}.`, rootName, errors);
  }
}

function isObjectSchema(schema: Schema): boolean {
  return schema.type === 'object' || (schema.anyOf as Schema[] | undefined)?.some((s) => s.type === 'object') === true;
}

function isNullable(schema: Schema): boolean {
  return (schema.anyOf as Schema[] | undefined)?.some((s) => s.type === 'null') === true;
}

/** The non-null member of a `Nullable(...)` union, or the schema itself. */
function unwrap(schema: Schema): Schema {
  const anyOf = schema.anyOf as Schema[] | undefined;
  return anyOf?.find((s) => s.type !== 'null') ?? schema;
}

function bindValue(schema: Schema, raw: unknown, fieldName: string, rootName: string, errors: FieldError[]): Bound {
  const s = unwrap(schema);
  const invalid = (message: string): Bound => ({ ok: false, error: { fieldName, messageCode: 'Invalid', message } });
  if (Array.isArray(s.enum)) return bindEnum(s.enum as string[], raw, invalid(say.oneOf(fieldName, s.enum as string[])));
  switch (s.type) {
    case 'string':
      return bindString(s, raw, fieldName, invalid);
    case 'integer':
      return bindInteger(s, raw, fieldName, invalid);
    case 'number':
      return s['x-bind'] === 'decimal-text' ? bindDecimalText(raw, fieldName, invalid) : bindDecimal(raw, fieldName, invalid);
    case 'boolean':
      return bindBoolean(raw, invalid(say.notA(fieldName, 'true or false')));
    case 'array':
      return bindArray(s, raw, fieldName, rootName, errors, invalid(say.notA(fieldName, 'a list')));
    default:
      return bindFree(raw, fieldName, rootName);
  }
}

/** A value of any shape (Type.Unknown) is kept as given, once it passes the rules for free values. */
function bindFree(raw: unknown, fieldName: string, rootName: string): Bound {
  const found: FieldError[] = [];
  reportFreeValue(raw, fieldName, rootName, found);
  const error = found[0];
  return error === undefined ? { ok: true, value: raw } : { ok: false, error };
}

function bindEnum(values: string[], raw: unknown, invalid: Bound): Bound {
  if (typeof raw !== 'string') return invalid;
  const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  return found === undefined ? invalid : { ok: true, value: found };
}

type Invalid = (message: string) => Bound;

function bindString(s: Schema, raw: unknown, fieldName: string, invalid: Invalid): Bound {
  if (typeof raw !== 'string') return invalid(say.notA(fieldName, 'a string'));
  // NUL: PostgreSQL cannot store it in text (it answered 500), and no field of the API means one.
  if (raw.includes('\0')) return invalid(say.nul(fieldName));
  const max = s.maxLength as number | undefined;
  const min = s.minLength as number | undefined;
  if (max !== undefined && raw.length > max) return { ok: false, error: { fieldName, messageCode: 'Invalid_Length', message: say.tooLong(fieldName, max, raw.length) } };
  if (min !== undefined && raw.length < min) return { ok: false, error: { fieldName, messageCode: 'Invalid_Length', message: say.tooShort(fieldName, min, raw.length) } };
  if (s.format === 'date-time') {
    if (parseIsoInstant(raw) === null) return invalid(say.dateTime(fieldName));
  }
  return { ok: true, value: raw };
}

function numericText(raw: unknown): string | null {
  if (raw instanceof JsonNumber) return raw.text;
  if (typeof raw === 'string') return raw.trim();
  return null;
}

function bindInteger(s: Schema, raw: unknown, fieldName: string, invalid: Invalid): Bound {
  const min = (s.minimum as number | undefined) ?? (s['x-bind'] === 'id' ? 0 : -INT32_MAX - 1);
  const max = (s.maximum as number | undefined) ?? INT32_MAX;
  const text = numericText(raw);
  if (text === null || !/^-?\d{1,10}$/.test(text)) return invalid(say.range(fieldName, min, max));
  const value = Number(text);
  return value < min || value > max ? invalid(say.range(fieldName, min, max)) : { ok: true, value };
}

function decimalProblem(fieldName: string, reason: 'syntax' | 'too_precise' | 'too_large'): string {
  return reason === 'syntax' ? say.decimalSyntax(fieldName) : reason === 'too_precise' ? say.decimalTooPrecise(fieldName) : say.decimalTooLarge(fieldName);
}

function bindDecimal(raw: unknown, fieldName: string, invalid: Invalid): Bound {
  const text = numericText(raw);
  if (text === null) return invalid(say.decimalSyntax(fieldName));
  const parsed = parseDecimal(text);
  return parsed.ok ? { ok: true, value: parsed.units } : invalid(decimalProblem(fieldName, parsed.reason));
}

/** A number kept as its exact literal text (questionnaire answers), checked to be a decimal. */
function bindDecimalText(raw: unknown, fieldName: string, invalid: Invalid): Bound {
  const text = numericText(raw);
  if (text === null) return invalid(say.decimalSyntax(fieldName));
  const parsed = parseDecimal(text);
  return parsed.ok || parsed.reason === 'too_precise' ? { ok: true, value: text } : invalid(decimalProblem(fieldName, parsed.reason));
}

function bindBoolean(raw: unknown, invalid: Bound): Bound {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
  return invalid;
}

function bindArray(s: Schema, raw: unknown, fieldName: string, rootName: string, errors: FieldError[], invalid: Bound): Bound {
  if (!Array.isArray(raw)) return invalid;
  const max = s.maxItems as number | undefined;
  if (max !== undefined && raw.length > max) return { ok: false, error: { fieldName, messageCode: 'Invalid_Length', message: say.tooManyItems(fieldName, max, raw.length) } };
  const items = s.items as Schema;
  const out: unknown[] = [];
  for (const [i, item] of raw.entries()) {
    const name = `${fieldName}[${i}]`;
    if (isObjectSchema(items)) {
      out.push(bindObject(items, item, `${name}.`, rootName, errors));
      continue;
    }
    const bound = bindValue(items, item, name, rootName, errors);
    if (!bound.ok) return bound;
    out.push(bound.value);
  }
  return { ok: true, value: out };
}
