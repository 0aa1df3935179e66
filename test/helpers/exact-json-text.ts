import { JsonNumber } from '../../src/shared/exact-json.js';

/** Stands for a number literal inside JSON.stringify's output; no string of ours starts with NUL. */
const LITERAL_MARK = '\u0000literal:';
const MARKED = /"\\u0000literal:([^"]*)"/g;

/**
 * JSON indented by two spaces, as JSON.stringify writes it, except that each JsonNumber (a literal
 * parseExactJson kept) is written verbatim: `100.10` stays `100.10`, and 18 decimals stay exact.
 */
export function formatExactJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, member: unknown) => (member instanceof JsonNumber ? LITERAL_MARK + member.text : member), 2);
  return text.replace(MARKED, '$1');
}
