/** A requested page: 1-based number and size (already validated against PAGE_SIZE_MAX at the edge). */
export interface PageRequest {
  readonly pageNumber: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly pageNumber: number;
  readonly pageSize: number;
  readonly numberOfPages: number;
}

export function pageOffset(page: PageRequest): number {
  return (page.pageNumber - 1) * page.pageSize;
}

export function numberOfPages(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
