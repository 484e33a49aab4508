import { sql, type Kysely } from 'kysely';
import { columnsOf } from './_columns';

// The files kept with a request: the email it arrived as, the files attached to that email, and
// documents added later. The bytes are in `<dataDir>/request-files/<sha256>.<extension>`; a row
// says which request holds which file under which name. `message_id` is the Message-ID of an
// original message, so that the same email is not logged twice unnoticed.

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnsOf(db);
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('request_attachments')
      .addColumn('id', ...t.id)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('original_message', 'attachment', 'document')`))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('mime_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
      .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
      .addColumn('message_id', 'text')
      .addColumn('created_at', t.instant, (c) => c.notNull())
      .execute();
    await trx.schema.createIndex('request_attachments_request_idx').on('request_attachments').column('request_id').execute();
    await trx.schema.createIndex('request_attachments_sha256_idx').on('request_attachments').column('sha256').execute();
    await trx.schema
      .createIndex('request_attachments_message_id_idx')
      .on('request_attachments')
      .column('message_id')
      .where(sql.ref('message_id'), 'is not', null)
      .execute();
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.dropTable('request_attachments').ifExists().execute();
  });
}
