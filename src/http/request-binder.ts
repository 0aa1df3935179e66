import type { TSchema } from '@sinclair/typebox';
import { parseDecimal } from '../shared/decimal.js';
import type { FieldError } from '../shared/domain-error.js';
import { DomainError } from '../shared/domain-error.js';
import { JsonNumber } from '../shared/exact-json.js';
import { parseIsoInstant } from '../shared/iso-date.js';
import { INT32_MAX } from '../shared/contract-fields.js';

/**
 * Binds a raw body or query object to a route's schema: keys are matched case-insensitively and
 * renamed to the schema's spelling, values are converted (exact decimals, numeric strings for ids),
 * and every problem becomes a FieldError with a catalog code. It never throws on any input.
 */
type Schema = TSchema & Record<string, unknown>;
type Bound = { ok: true; value: unknown } | { ok: false; error: FieldError };

const ABSENT = Symbol('absent');

export function bindRequest(schema: TSchema, input: unknown, rootName: string): { value: unknown } | { error: DomainError } {
  const errors: FieldError[] = [];
  const value = bindObject(schema as Schema, input ?? {}, '', rootName, errors);
  return errors.length > 0 ? { error: DomainError.of(errors) } : { value };
}

function bindObject(schema: Schema, input: unknown, prefix: string, rootName: string, errors: FieldError[]): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || input instanceof JsonNumber) {
    errors.push({ fieldName: prefix === '' ? rootName : prefix.slice(0, -1), messageCode: 'Invalid' });
    return undefined;
  }
  const byLowerKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (!byLowerKey.has(lower)) byLowerKey.set(lower, value);
  }
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const out: Record<string, unknown> = {};
  for (const [name, fieldSchema] of Object.entries(properties)) {
    const raw = byLowerKey.has(name.toLowerCase()) ? byLowerKey.get(name.toLowerCase()) : ABSENT;
    const fieldName = prefix + name;
    if (raw === ABSENT || raw === null || raw === '') {
      if (required.has(name)) errors.push({ fieldName, messageCode: 'Required' });
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
        errors.push({ fieldName, messageCode: 'Required' });
      } else out[name] = bound.value;
    } else errors.push(bound.error);
  }
  return out;
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
  const invalid: Bound = { ok: false, error: { fieldName, messageCode: 'Invalid' } };
  if (Array.isArray(s.enum)) return bindEnum(s.enum as string[], raw, invalid);
  switch (s.type) {
    case 'string':
      return bindString(s, raw, fieldName, invalid);
    case 'integer':
      return bindInteger(s, raw, invalid);
    case 'number':
      return s['x-bind'] === 'decimal-text' ? bindDecimalText(raw, invalid) : bindDecimal(raw, invalid);
    case 'boolean':
      return bindBoolean(raw, invalid);
    case 'array':
      return bindArray(s, raw, fieldName, rootName, errors, invalid);
    default:
      return { ok: true, value: raw };
  }
}

function bindEnum(values: string[], raw: unknown, invalid: Bound): Bound {
  if (typeof raw !== 'string') return invalid;
  const found = values.find((v) => v.toLowerCase() === raw.toLowerCase());
  return found === undefined ? invalid : { ok: true, value: found };
}

function bindString(s: Schema, raw: unknown, fieldName: string, invalid: Bound): Bound {
  if (typeof raw !== 'string') return invalid;
  const max = s.maxLength as number | undefined;
  const min = s.minLength as number | undefined;
  if ((max !== undefined && raw.length > max) || (min !== undefined && raw.length < min)) {
    return { ok: false, error: { fieldName, messageCode: 'Invalid_Length' } };
  }
  if (s.format === 'date-time') {
    if (parseIsoInstant(raw) === null) return invalid;
  }
  return { ok: true, value: raw };
}

function numericText(raw: unknown): string | null {
  if (raw instanceof JsonNumber) return raw.text;
  if (typeof raw === 'string') return raw.trim();
  return null;
}

function bindInteger(s: Schema, raw: unknown, invalid: Bound): Bound {
  const text = numericText(raw);
  if (text === null || !/^-?\d{1,10}$/.test(text)) return invalid;
  const value = Number(text);
  const min = (s.minimum as number | undefined) ?? (s['x-bind'] === 'id' ? 0 : -INT32_MAX - 1);
  const max = (s.maximum as number | undefined) ?? INT32_MAX;
  return value < min || value > max ? invalid : { ok: true, value };
}

function bindDecimal(raw: unknown, invalid: Bound): Bound {
  const text = numericText(raw);
  if (text === null) return invalid;
  const parsed = parseDecimal(text);
  return parsed.ok ? { ok: true, value: parsed.units } : invalid;
}

/** A number kept as its exact literal text (questionnaire answers), checked to be a decimal. */
function bindDecimalText(raw: unknown, invalid: Bound): Bound {
  const text = numericText(raw);
  if (text === null) return invalid;
  const parsed = parseDecimal(text);
  return parsed.ok || parsed.reason === 'too_precise' ? { ok: true, value: text } : invalid;
}

function bindBoolean(raw: unknown, invalid: Bound): Bound {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (raw === 'true' || raw === 'false') return { ok: true, value: raw === 'true' };
  return invalid;
}

function bindArray(s: Schema, raw: unknown, fieldName: string, rootName: string, errors: FieldError[], invalid: Bound): Bound {
  if (!Array.isArray(raw)) return invalid;
  const max = s.maxItems as number | undefined;
  if (max !== undefined && raw.length > max) return { ok: false, error: { fieldName, messageCode: 'Invalid_Length' } };
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
