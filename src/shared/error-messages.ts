import type { MessageCode } from './error-catalog.js';

/**
 * The `message` of each error item (ours): one English sentence saying what is wrong, beside the
 * documented `errorType`, `fieldName` and `messageCode`, which stay as Ibanera defines them. Where
 * the code knows more (the limit, the asset's precision), it passes its own sentence; otherwise
 * the code's default below applies. Messages never quote a submitted value: it may be a secret.
 */
/**
 * The message of an error without one of its own: the catalog's description of its code, naming
 * the field where the description says "the named field".
 */
export function defaultErrorMessage(messageCode: MessageCode, fieldName: string, description: string): string {
  if (fieldName === '') return description;
  if (messageCode === 'Not_Found') return `${fieldName} names nothing within your reach (no such id, or not yours).`;
  return description.replace(/^The named field/, fieldName).replace(/the named field/g, fieldName);
}

/** Sentences for the cases the binder and the services tell apart, so every one is spelled once. */
export const say = {
  required: (field: string) => `${field} is required (missing, empty or zero).`,
  notA: (field: string, what: string) => `${field} must be ${what}.`,
  oneOf: (field: string, values: readonly string[]) => `${field} must be one of ${values.join(', ')} (any casing).`,
  tooLong: (field: string, max: number, length: number) => `${field} must be at most ${max} characters; it has ${length}.`,
  tooShort: (field: string, min: number, length: number) => `${field} must be at least ${min} characters; it has ${length}.`,
  tooManyItems: (field: string, max: number, count: number) => `${field} may hold at most ${max} items; it has ${count}.`,
  range: (field: string, min: number, max: number) => `${field} must be a whole number from ${min} to ${max}.`,
  decimalSyntax: (field: string) => `${field} must be a decimal number such as 12.50 (a JSON number or a numeric string).`,
  decimalTooPrecise: (field: string) => `${field} has more than 18 decimals.`,
  decimalTooLarge: (field: string) => `${field} is too large.`,
  dateTime: (field: string) => `${field} must be an ISO 8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z.`,
  nul: (field: string) => `${field} contains a NUL character.`,
  repeated: (field: string) => `${field} is given more than once (keys match in any casing).`,
  notAnObject: (field: string) => `${field} must be a JSON object.`,
  amountDecimals: (field: string, decimals: number, precision: number, asset?: string) => `${field} has ${decimals} decimals; ${asset ?? 'the asset'} allows ${precision}.`,
  amountNegative: (field: string) => `${field} must be positive.`,
  amountTooLarge: (field: string) => `${field} is above the largest amount one request may move.`,
  pageSize: (max: number) => `PageSize must be 1–${max}.`,
} as const;
