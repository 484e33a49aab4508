import type { Executor } from '../context';
import { pageOffset } from '../db/query';
import type { GapCheck } from './gap-check';

/** What a check's query builds: every record it concerns, as (id, label, detail). */
type GapQuery = ReturnType<GapCheck['query']>;

/** How many records a check's query answers, counted in the database. */
export async function countGapRows(db: Executor, query: GapQuery): Promise<number> {
  const { n } = await db
    .selectFrom(query.as('gap'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** One page of a check's records, ordered by label then id. */
export function findGapRowPage(db: Executor, query: GapQuery, page: number, pageSize: number) {
  return db
    .selectFrom(query.as('gap'))
    .selectAll()
    .orderBy('gap.label')
    .orderBy('gap.id')
    .limit(pageSize)
    .offset(pageOffset(page, pageSize))
    .execute();
}
