import { MESSAGE_CODES } from './error-catalog.js';

/** docs/error-codes.md, rendered from the catalog (a test fails when the file and the catalog differ). */
export function renderErrorCatalogMarkdown(): string {
  const rows = Object.entries(MESSAGE_CODES).map(
    ([code, info]) => `| \`${code}\` | ${info.httpStatus} | \`${info.errorType}\` | ${info.origin === 'ibanera' ? 'Ibanera' : 'ibanera-server'} | ${info.description} |`,
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/shared/error-catalog.ts by `npm run docs:generate`; do not edit by hand. -->',
    '',
    'Every error response is the envelope `{"id":0,"details":null,"status":"0","errors":[{"errorType","fieldName","messageCode"}]}`.',
    'The HTTP status and `errorType` follow from the `messageCode`. "Ibanera" codes appear in Ibanera\'s documentation;',
    '"ibanera-server" codes are ours, for cases the documentation does not name.',
    '',
    '| messageCode | HTTP | errorType | defined by | meaning |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
