import { z } from 'zod';
import { optionalText } from '../validation';

export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const MAX_PAGE_SIZE = 200;

/** The paging part of every list input; `sortFields` are the columns that list may sort by. */
export function pageInput<const F extends readonly [string, ...string[]]>(sortFields: F) {
  return {
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
    sortBy: z.enum(sortFields).optional(),
    sortDir: z.enum(SORT_DIRECTIONS).default('asc'),
    search: optionalText(200),
  };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const idInput = z.strictObject({ id: z.number().int().positive() });
export const revisionInput = z.strictObject({
  id: z.number().int().positive(),
  /** The revision the user saw; a save over a newer revision is refused with CONFLICT. */
  revision: z.number().int().min(1),
});
