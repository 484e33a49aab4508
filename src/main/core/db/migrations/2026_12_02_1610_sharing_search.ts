import { sql, type Kysely } from 'kysely';
import { columnsOf, onPostgres } from './_columns';

// The sharing registers' searches at any size, and the flows' method and cross-border filters under
// the orders by partner and by category (justified by the `npm run bench` lists table at 1M):
//
// - On SQLite, a contentless FTS5 trigram index per list (partners: name, region, contact; flows:
//   purpose; agreements: reference; SDKs: name), kept by triggers in the transaction of every write.
//   Each text is indexed with one control character after it, so that every two characters of a
//   text begin one of its trigrams (the last two with the sentinel): a search of three characters
//   or more is a phrase of trigrams, one of two characters the trigrams that begin with it, read
//   from the index's terms (an fts5vocab `instance` table beside each). A search of one character
//   matches the names that begin with it (db/dialect.ts `sharingSearch`), through their indexes.
//   PostgreSQL: pg_trgm GIN indexes on the same columns (ILIKE), updated with the row.
// - Flows of one method, or one method and one side of the border, by category or by partner: the
//   list walks the categories (partners) in order and reads each one's flows of that method from
//   these indexes, instead of reading every flow of each category (partner) and testing it.
// - SDKs by their latest review's date: `sdks.last_reviewed_on`, the date of the SDK's newest review
//   (null before the first), kept by triggers on sdk_reviews in the transaction of every write, with
//   an index for that order alone and under each filter, so that the order is read, never sorted.

/** The lists' search indexes: the table, its index's name, the columns indexed. */
export const SEARCHES: { table: string; fts: string; columns: string[] }[] = [
  { table: 'partners', fts: 'partners_fts', columns: ['name', 'country_region', 'contact'] },
  { table: 'sharing_flows', fts: 'sharing_flows_fts', columns: ['purpose'] },
  { table: 'agreements', fts: 'agreements_fts', columns: ['reference_no'] },
  { table: 'sdks', fts: 'sdks_fts', columns: ['name'] },
];

/** The character after each indexed text (see above); never part of a search. */
export const SEARCH_SENTINEL = '\u0001';

export const INDEXES: { table: string; name: string; columns: string[] }[] = [
  { table: 'sharing_flows', name: 'sharing_flows_category_method_idx', columns: ['category_id', 'method', 'id'] },
  { table: 'sharing_flows', name: 'sharing_flows_category_border_method_idx', columns: ['category_id', 'cross_border', 'method', 'id'] },
  { table: 'sharing_flows', name: 'sharing_flows_partner_border_method_idx', columns: ['partner_id', 'cross_border', 'method', 'id'] },
  { table: 'sdks', name: 'sdks_last_reviewed_idx', columns: ['last_reviewed_on', 'id'] },
  { table: 'sdks', name: 'sdks_vendor_last_reviewed_idx', columns: ['vendor_partner_id', 'last_reviewed_on', 'id'] },
  { table: 'sdks', name: 'sdks_platform_last_reviewed_idx', columns: ['platform', 'last_reviewed_on', 'id'] },
  { table: 'sdks', name: 'sdks_status_last_reviewed_idx', columns: ['status', 'last_reviewed_on', 'id'] },
];

const LATEST = (sdk: string) => `(select max(r.reviewed_on) from sdk_reviews r where r.sdk_id = ${sdk})`;

/** The triggers that keep `sdks.last_reviewed_on` with the SDK's reviews. */
const SQLITE_LAST_REVIEW = [
  `create trigger sdk_reviews_latest_insert after insert on sdk_reviews begin
    update sdks set last_reviewed_on = ${LATEST('new.sdk_id')} where id = new.sdk_id;
  end`,
  `create trigger sdk_reviews_latest_delete after delete on sdk_reviews begin
    update sdks set last_reviewed_on = ${LATEST('old.sdk_id')} where id = old.sdk_id;
  end`,
  `create trigger sdk_reviews_latest_update after update of sdk_id, reviewed_on on sdk_reviews begin
    update sdks set last_reviewed_on = ${LATEST('old.sdk_id')} where id = old.sdk_id;
    update sdks set last_reviewed_on = ${LATEST('new.sdk_id')} where id = new.sdk_id;
  end`,
];
const POSTGRES_LAST_REVIEW = [
  `create function sdk_reviews_latest() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update sdks set last_reviewed_on = ${LATEST('old.sdk_id')} where id = old.sdk_id;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        update sdks set last_reviewed_on = ${LATEST('new.sdk_id')} where id = new.sdk_id;
      end if;
      return null;
    end $$`,
  `create trigger sdk_reviews_latest after insert or delete or update of sdk_id, reviewed_on on sdk_reviews for each row execute function sdk_reviews_latest()`,
];

const indexed = (prefix: 'new' | 'old', columns: string[]) => columns.map((c) => `coalesce(${prefix}.${c}, '') || char(1)`).join(', ');

function sqliteStatements({ table, fts, columns }: (typeof SEARCHES)[number]): string[] {
  const list = columns.join(', ');
  const changed = columns.map((c) => `old.${c} is not new.${c}`).join(' or ');
  return [
    `create virtual table ${fts} using fts5(${list}, tokenize = 'trigram', content = '', contentless_delete = 1)`,
    // A changed or removed text (a partner's contact person) leaves the index itself, as in requests_fts.
    `insert into ${fts} (${fts}, rank) values ('secure-delete', 1)`,
    `create virtual table ${fts}_terms using fts5vocab(${fts}, instance)`,
    `insert into ${fts} (rowid, ${list}) select id, ${columns.map((c) => `coalesce(${c}, '') || char(1)`).join(', ')} from ${table}`,
    `create trigger ${fts}_insert after insert on ${table} begin
      insert into ${fts} (rowid, ${list}) values (new.id, ${indexed('new', columns)});
    end`,
    `create trigger ${fts}_delete after delete on ${table} begin
      delete from ${fts} where rowid = old.id;
    end`,
    `create trigger ${fts}_update after update of ${list} on ${table} when ${changed} begin
      delete from ${fts} where rowid = old.id;
      insert into ${fts} (rowid, ${list}) values (new.id, ${indexed('new', columns)});
    end`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.schema.alterTable('sdks').addColumn('last_reviewed_on', columnsOf(db).date).execute();
    await sql.raw(`update sdks set last_reviewed_on = ${LATEST('sdks.id')}`).execute(trx);
    for (const statement of onPostgres(db) ? POSTGRES_LAST_REVIEW : SQLITE_LAST_REVIEW) await sql.raw(statement).execute(trx);
    for (const { table, name, columns } of INDEXES) await trx.schema.createIndex(name).on(table).columns(columns).execute();
    if (onPostgres(db)) {
      await sql.raw(`create extension if not exists pg_trgm`).execute(trx);
      for (const { table, columns } of SEARCHES) {
        await sql.raw(`create index ${table}_search_idx on ${table} using gin (${columns.map((c) => `${c} gin_trgm_ops`).join(', ')})`).execute(trx);
        // A one-character search: the first column (the name) begins with it, in lower case.
        await sql.raw(`create index ${table}_search_prefix_idx on ${table} (lower(${columns[0]}) text_pattern_ops)`).execute(trx);
      }
      return;
    }
    for (const search of SEARCHES) for (const statement of sqliteStatements(search)) await sql.raw(statement).execute(trx);
  });
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { name } of INDEXES) await trx.schema.dropIndex(name).ifExists().execute();
    if (onPostgres(db)) {
      await sql.raw(`drop trigger if exists sdk_reviews_latest on sdk_reviews`).execute(trx);
      await sql.raw(`drop function if exists sdk_reviews_latest()`).execute(trx);
    } else for (const event of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists sdk_reviews_latest_${event}`).execute(trx);
    await trx.schema.alterTable('sdks').dropColumn('last_reviewed_on').execute();
    for (const { table, fts } of SEARCHES) {
      if (onPostgres(db)) {
        await sql.raw(`drop index if exists ${table}_search_idx`).execute(trx);
        await sql.raw(`drop index if exists ${table}_search_prefix_idx`).execute(trx);
        continue;
      }
      for (const event of ['insert', 'delete', 'update']) await sql.raw(`drop trigger if exists ${fts}_${event}`).execute(trx);
      await sql.raw(`drop table if exists ${fts}_terms`).execute(trx);
      await sql.raw(`drop table if exists ${fts}`).execute(trx);
    }
  });
}
