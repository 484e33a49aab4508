/**
 * "My requests": one person's requests (`assignee` holds their sign-in name), in due order, read
 * from the range of requests_assignee_due_idx (migration 2026_12_01_1310_people).
 */
import { sql } from 'kysely';
import type { Executor } from '../db/executor';
import { SUMMARY_COLUMNS, type RequestSummaryRow } from './request-list.repository';

function assigned(db: Executor, assignee: string, statuses: readonly string[] | null) {
  let query = db.selectFrom('requests as r').where('r.assignee', '=', assignee);
  if (statuses) query = query.where('r.status', 'in', statuses);
  return query;
}

export async function findAssignedRequests(
  db: Executor,
  assignee: string,
  statuses: readonly string[] | null,
  limit: number,
  offset: number,
): Promise<{ rows: RequestSummaryRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    assigned(db, assignee, statuses)
      .select([...SUMMARY_COLUMNS])
      // The soonest deadline first; requests whose deadline is not known yet after them, on every engine.
      .orderBy(sql`case when r.due_at is null then 1 else 0 end`)
      .orderBy('r.due_at')
      .orderBy('r.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    assigned(db, assignee, statuses)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as RequestSummaryRow[], total: Number(count.n) };
}
