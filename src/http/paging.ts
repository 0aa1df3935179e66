import { DomainError } from '../shared/domain-error.js';
import type { PageRequest } from '../shared/paging.js';
import { say } from '../shared/error-messages.js';

export const PAGE_SIZE_DEFAULT = 10;

export function pageFrom(query: { PageNumber?: number | undefined; PageSize?: number | undefined }, pageSizeMax: number): PageRequest {
  const pageSize = query.PageSize ?? PAGE_SIZE_DEFAULT;
  if (pageSize > pageSizeMax) throw DomainError.because('Invalid', 'PageSize', say.pageSize(pageSizeMax));
  return { pageNumber: query.PageNumber ?? 1, pageSize };
}
