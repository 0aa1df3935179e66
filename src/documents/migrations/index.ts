import type { Migration } from 'kysely';
import type { DialectName } from '../../db/dialect.js';
import { documentsTable } from './0008-documents.js';

export function documentsMigrations(dialect: DialectName): Record<string, Migration> {
  return { '0008-documents': documentsTable(dialect) };
}
