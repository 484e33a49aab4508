import { sql, type Kysely } from 'kysely';

// References are REQ-<year>-<number> with the number padded to four digits, so REQ-2026-10000 must sort
// after REQ-2026-9999: the list orders by (year prefix, length, text). This index serves that order.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createIndex('requests_reference_order_idx')
      .on('requests')
      .expression(sql`substr(reference, 1, 8), length(reference), reference`)
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropIndex('requests_reference_order_idx').ifExists().execute();
  });
}
