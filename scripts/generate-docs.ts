/**
 * Regenerates the documents derived from code: docs/error-codes.md (from the error catalog) and
 * docs/openapi.json (from the route schemas and the recorded examples, docs/api-examples.json).
 * CI's drift test fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { renderErrorCatalogMarkdown } from '../src/shared/error-catalog-markdown.js';
import { renderOpenApiText } from '../test/helpers/openapi-document.js';
import { readReadme, renderEnvExample } from './env-example.js';

writeFileSync(new URL('../docs/error-codes.md', import.meta.url), renderErrorCatalogMarkdown());
writeFileSync(new URL('../docs/openapi.json', import.meta.url), await renderOpenApiText());
writeFileSync(new URL('../.env.example', import.meta.url), renderEnvExample(readReadme()));
console.log('wrote docs/error-codes.md, docs/openapi.json and .env.example');
