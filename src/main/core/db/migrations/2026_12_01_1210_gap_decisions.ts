import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// What the officer decided about a gap: an owner and a due date (in hand), or an acceptance or a
// "not applicable" with a reason and a review date. A gap is not stored (the checks compute it
// every time); its decision is, keyed by the gap's identity: the check and the record it concerns.
// A decision survives recomputation, and an acceptance counts again as open after its review date.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('gap_decisions')
      .addColumn('id', ...t.id)
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('record_id', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('in_hand', 'accepted', 'not_applicable')`))
      .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('due_on', t.date)
      .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('review_on', t.date)
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .addColumn('updated_at', t.instant, (c) => c.notNull())
      .addUniqueConstraint('gap_decisions_gap_unique', ['check_id', 'record_id'])
      // In hand needs an owner and a due date; the other two a reason and a review date.
      .addCheckConstraint(
        'gap_decisions_complete',
        sql`(decision = 'in_hand' and owner <> '' and due_on is not null) or (decision <> 'in_hand' and reason <> '' and review_on is not null)`,
      )
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('gap_decisions').ifExists().execute();
  });
}
