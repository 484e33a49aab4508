import { sql, type Kysely } from 'kysely';
import { onPostgres } from './_columns';

// A clause keeps its number as the policy writes it (`三、（二）`, `第五条`, `3.2.1`) beside the stable
// reference records cite (`3.2`), so that the picker, records and reports show what the officer reads
// in the policy. Clauses imported before were numbered in decimal, and their text opens with that
// number: those get it as their label. Any other clause keeps an empty label, shown as its reference.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('policy_clauses').addColumn('label', 'text', (c) => c.notNull().defaultTo('')).execute();
    if (onPostgres(db)) {
      await sql`
        update policy_clauses set label = number
        where number !~ '[^0-9.]' and number <> ''
          and (text = number or substr(text, 1, length(number) + 1) in (number || ' ', number || '.', number || '、', number || '．', number || chr(9), number || chr(10)))
      `.execute(trx);
      return;
    }
    await sql`
      update policy_clauses set label = number
      where number not glob '*[^0-9.]*' and number <> ''
        and (text = number or substr(text, 1, length(number) + 1) in (number || ' ', number || '.', number || '、', number || '．', number || char(9), number || char(10)))
    `.execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('policy_clauses').dropColumn('label').execute();
  });
}
