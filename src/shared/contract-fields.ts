import { Type, type SchemaOptions, type TSchema } from '@sinclair/typebox';
import type { RawJson } from './exact-json.js';

/**
 * Schema constructors for request and response fields of every module's contract. They are plain
 * JSON Schema (TypeBox), so the OpenAPI document shows them and `Static` derives the types; the `x-bind` keyword tells request-binder.ts how to convert a value
 * (numbers arrive as exact literals and ids may arrive as numeric strings, as Ibanera's clients send).
 */
export const INT32_MAX = 2_147_483_647;

/** A positive int32 id (0 counts as missing, as Ibanera's `Required` says "missing or zero"). */
export const IdField = (options: SchemaOptions = {}) => Type.Integer({ format: 'int32', 'x-bind': 'id', ...options });

/** A whole number such as a page number; `minimum`/`maximum` bound it. */
export const IntField = (options: SchemaOptions & { minimum?: number; maximum?: number } = {}) => Type.Integer({ format: 'int32', ...options });

/**
 * An exact decimal amount; bound as a `bigint` at scale 18, never a JavaScript number, so its type is
 * `bigint` from binding onward. Documented as a number (clients send number literals or strings).
 */
export const AmountField = (options: SchemaOptions = {}) => Type.Unsafe<bigint>({ type: 'number', format: 'decimal', 'x-bind': 'decimal', ...options });

/** A decimal answer kept as its exact text (not money: no precision rule), e.g. a questionnaire figure. */
export const DecimalTextField = (options: SchemaOptions = {}) => Type.Unsafe<string>({ type: 'number', format: 'decimal', 'x-bind': 'decimal-text', ...options });

export const StringField = (options: SchemaOptions & { maxLength?: number; minLength?: number } = {}) => Type.String(options);

export const BooleanField = (options: SchemaOptions = {}) => Type.Boolean(options);

export const DateTimeField = (options: SchemaOptions = {}) => Type.String({ format: 'date-time', ...options });

/** One of a fixed set of words, matched case-insensitively and bound to the canonical spelling. */
export const EnumField = <T extends string>(values: readonly T[], options: SchemaOptions = {}) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** Response decimals are written as exact literals (RawJson); documented as numbers. */
export const DecimalOut = (options: SchemaOptions = {}) => Type.Unsafe<RawJson>({ type: 'number', format: 'decimal', ...options });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
