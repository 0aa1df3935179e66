import { DomainError } from '../shared/domain-error.js';
import type { PageRequest } from '../shared/paging.js';
import { Type } from '@sinclair/typebox';
import { IntField } from './schema-types.js';

export const PAGE_SIZE_DEFAULT = 10;

/** Query fields every list route accepts. */
export const pagingQueryFields = {
  PageNumber: Type.Optional(IntField({ minimum: 1, description: 'Page to return (default 1); a page past the end is an empty list.' })),
  PageSize: Type.Optional(IntField({ minimum: 1, description: 'Items per page (default 10, at most PAGE_SIZE_MAX).' })),
};

export function pageFrom(query: { PageNumber?: number; PageSize?: number }, pageSizeMax: number): PageRequest {
  const pageSize = query.PageSize ?? PAGE_SIZE_DEFAULT;
  if (pageSize > pageSizeMax) throw new DomainError('Invalid', 'PageSize');
  return { pageNumber: query.PageNumber ?? 1, pageSize };
}
