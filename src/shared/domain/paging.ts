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
  /** How many match in all: exact, unless `totalCapped`. */
  total: number;
  /**
   * More match than `total`, where the count stopped (a requests search that most requests hold:
   * counting every match would take longer than the page itself). Absent when `total` is exact.
   */
  totalCapped?: true;
  page: number;
  pageSize: number;
}

/**
 * The largest id or revision a register keeps: PostgreSQL's `integer` columns (SQLite's are wider,
 * and no register comes near). A larger number names no record, and is refused as invalid input on
 * both engines rather than failing on the server.
 */
export const MAX_STORED_INTEGER = 2_147_483_647;
/** A record's id. */
export const recordId = z.number().int().positive().max(MAX_STORED_INTEGER);
/** The revision the user saw; a save over a newer revision is refused with CONFLICT. */
export const revisionNumber = z.number().int().min(1).max(MAX_STORED_INTEGER);

export const idInput = z.strictObject({ id: recordId });
export const revisionInput = z.strictObject({ id: recordId, revision: revisionNumber });
