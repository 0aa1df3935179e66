/** One CSV cell: quoted when it holds a separator, a quote or a line break (RFC 4180). */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text cell a spreadsheet must not run as a formula: one that starts with = + - @ or a control
 * character gets a leading apostrophe (OWASP's advice). Amounts are not text cells: a negative
 * amount keeps its sign.
 */
export function textCell(text: string): string {
  return cell(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}

export function numberCell(text: string): string {
  return cell(text);
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.join(',')}\r\n`;
}
