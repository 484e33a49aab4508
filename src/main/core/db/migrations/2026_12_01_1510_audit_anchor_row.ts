import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// The audit anchor of a team register, kept in the register (issue 15): one row, the chain's head
// with an HMAC made with the audit key, written in the same transaction as the entries it covers
// (core/audit/audit-anchor.ts). On SQLite the table stays empty: a register file keeps its anchor
// in a file beside it, outside the database.
//
// On PostgreSQL the row is created here, empty: "not anchored in the register yet". The first
// workbench holding the key that opens the register anchors the chain as it stands (a team
// register anchored before this version kept its anchors on each machine, which stay as witnesses).
// A register whose row is missing altogether reads as an anchor deleted.
//
// The head's time and when anchoring began are kept as the text the HMAC covers, on both engines.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('audit_anchor')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('entries', 'integer')
      .addColumn('head_id', 'integer')
      .addColumn('head_hash', 'text')
      .addColumn('head_at', 'text')
      .addColumn('anchored_from', 'integer')
      .addColumn('anchored_at', 'text')
      .addColumn('hmac', 'text')
      .execute();
    if (t.pg) await sql`insert into audit_anchor (id) values (1)`.execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('audit_anchor').ifExists().execute();
  });
}
