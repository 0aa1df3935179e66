import { RawJson } from '../shared/exact-json.js';

/** Markup that is already safe: built by `html`, never from a caller's text. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

type Value = SafeHtml | RawJson | string | number | bigint | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (value instanceof RawJson) return escapeHtml(value.text);
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join('');
  return escapeHtml(String(value as string | number | bigint | boolean));
}

/**
 * The only way the portal makes markup: every interpolated value is escaped unless it is itself
 * `html` (so a managee named `<img src=x onerror=alert(1)>` shows as that text).
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** An amount exactly as the API writes it (the service's exact decimal literal, never a float). */
export function amountText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (typeof value === 'string' || typeof value === 'bigint') return String(value);
  throw new Error('an amount is an exact decimal literal');
}

/** Text for any value of a service's answer (detail pages print every field). */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (value instanceof RawJson) return value.text;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean | bigint);
}

/** JSON for an inert `<script type="application/json">` block: `<` escaped, so no value can close the element. */
export function scriptJson(value: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(value).replace(/</g, '\\u003c'));
}
