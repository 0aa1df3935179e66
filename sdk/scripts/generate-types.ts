/** Writes sdk/src/generated/operations.ts from docs/openapi.json (run `npm run docs:generate` first after route changes). */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderOperations, type OpenApiDocument } from './render-types.js';

const document = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as OpenApiDocument;
writeFileSync(new URL('../src/generated/operations.ts', import.meta.url), renderOperations(document));
console.log('wrote sdk/src/generated/operations.ts');
