/**
 * Regenerates the documents derived from code: docs/error-codes.md (from the error catalog) and
 * docs/openapi.json (from the route schemas). CI's drift test fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { renderErrorCatalogMarkdown } from '../src/shared/error-catalog-markdown.js';
import { renderOpenApiDocument } from '../test/helpers/openapi-document.js';

writeFileSync(new URL('../docs/error-codes.md', import.meta.url), renderErrorCatalogMarkdown());
writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(await renderOpenApiDocument(), null, 2)}\n`);
console.log('wrote docs/error-codes.md and docs/openapi.json');
