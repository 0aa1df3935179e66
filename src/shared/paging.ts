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

/**
 * The list's total when the page itself proves it: a page shorter than its size that is not past
 * the end is the last one. Null when only a count can tell (a full page, or an empty page past 1).
 */
export function totalFromShortPage(page: PageRequest, rowsOnPage: number): number | null {
  return rowsOnPage < page.pageSize && (rowsOnPage > 0 || page.pageNumber === 1) ? pageOffset(page) + rowsOnPage : null;
}
