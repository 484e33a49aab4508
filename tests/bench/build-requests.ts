/**
 * The requests of the benchmarks and the plan tests, built in one place for every bench and both
 * engines: `requestRows` makes the rows (due dates computed once per day received), `buildRequests`
 * writes them in large transactions through the bulk writer of the register's engine (db/bulk.ts:
 * one prepared statement on SQLite, multi-row statements on PostgreSQL). The requests table's
 * indexes and its search index are set aside while the rows go in and made again after, each in
 * one pass (`withIndexesAfter`); the tallies' triggers run on each row as for any write. Requests
 * received in the last OPEN_DAYS days are open; older ones are closed (answered, some refused).
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { computeDeadline, type DeadlineRules, type HolidayCalendar } from '../../src/shared/deadline/calculator';
import { localDateOf } from '../../src/shared/time';
import { REQUEST_CHANNELS, REQUEST_KINDS } from '../../src/shared/domain/requests';
import { DEFAULT_SETTINGS } from '../../src/shared/domain/settings';
import type { Database, RequestsTable } from '../../src/main/core/db/schema';
import { bulkWriterOf } from '../../src/main/core/db/bulk';
import type BetterSqlite3 from 'better-sqlite3';

export const BENCH_NOW = '2026-11-17T06:30:00.000Z';
const DAY = 86_400_000;
const OPEN_DAYS = 20;
const SPAN_DAYS = 4 * 365;
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆'];

/** A requester's name: two or three characters, as most Chinese names are; one in twenty in Latin letters. */
export function benchName(i: number): string {
  if (i % 20 === 0) return `Requester ${i}`;
  const s = SURNAMES[i % SURNAMES.length]!;
  const g1 = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const g2 = GIVEN[Math.floor(i / 7) % GIVEN.length]!;
  return i % 3 === 0 ? `${s}${g1}` : `${s}${g1}${g2}`;
}

/**
 * `BENCH_BACKLOG=0.3` (or the bench's `--backlog 0.3`): that share of the requests older than
 * OPEN_DAYS is still open, nearly all overdue, as on a desk that fell behind or a register built
 * with statuses drawn at random; 0 (the default) leaves only the last OPEN_DAYS days open.
 */
export function backlogShare(): number {
  const share = Number(process.env.BENCH_BACKLOG ?? 0);
  if (!(share >= 0 && share <= 1)) throw new Error(`BENCH_BACKLOG must be a share between 0 and 1, not ${process.env.BENCH_BACKLOG}`);
  return share;
}

export type RequestInsert = Insertable<RequestsTable>;

/** The rows of `total` requests, in batches of `batch`, and the counters of references they used (filled as the batches are read). */
export function requestRows(total: number, calendar: HolidayCalendar, batch = 50_000): { batches: Generator<RequestInsert[]>; counters: Map<number, number>; open: () => number } {
  const rules: DeadlineRules = { ...DEFAULT_SETTINGS };
  const dueMemo = new Map<string, { date: string | null; at: string | null }>();
  const dueOf = (receivedAt: string) => {
    const key = localDateOf(receivedAt, rules.timeZone);
    let d = dueMemo.get(key);
    if (!d) {
      const r = computeDeadline({ receivedAt, verifiedAt: null, pauses: [] }, rules, calendar);
      d = { date: r.dueDate, at: r.dueAt };
      dueMemo.set(key, d);
    }
    return d;
  };
  const nowMs = Date.parse(BENCH_NOW);
  const start = nowMs - SPAN_DAYS * DAY;
  const counters = new Map<number, number>();
  const openStatuses = ['new', 'verifying', 'in_progress', 'awaiting_requester'];
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  let open = 0;
  const backlog = backlogShare();
  function* batches(): Generator<RequestInsert[]> {
    for (let done = 0; done < total; done += batch) {
      const rows: RequestInsert[] = [];
      for (let i = done; i < Math.min(total, done + batch); i++) {
        const receivedMs = start + Math.floor((i / total) * SPAN_DAYS * DAY) + Math.floor(rand() * 3_600_000);
        const receivedAt = new Date(receivedMs).toISOString();
        const year = Number(localDateOf(receivedAt, rules.timeZone).slice(0, 4));
        const n = (counters.get(year) ?? 0) + 1;
        counters.set(year, n);
        const due = dueOf(receivedAt);
        const isOpen = receivedMs > nowMs - OPEN_DAYS * DAY || (backlog > 0 && rand() < backlog);
        const refused = !isOpen && rand() < 0.05;
        const respondedMs = receivedMs + Math.floor(rand() * 17 * DAY);
        const responded = isOpen ? null : new Date(respondedMs).toISOString();
        const status = isOpen ? openStatuses[i % 4]! : refused ? 'refused' : 'closed';
        if (isOpen) open++;
        const verified = status === 'new' || status === 'verifying' ? null : receivedAt;
        rows.push({
          reference: `REQ-${year}-${String(n).padStart(4, '0')}`,
          channel: REQUEST_CHANNELS[i % REQUEST_CHANNELS.length]!,
          received_at: receivedAt,
          requester_name: benchName(i),
          requester_contact: i % 4 === 0 ? `user${i}@example.com` : `1${String(3800000000 + i)}`,
          account_ref: i % 2 === 0 ? `U-${i}` : '',
          kind: REQUEST_KINDS[(i * 7) % REQUEST_KINDS.length]!,
          details: '',
          concerns_minor: 0,
          assignee: '',
          identity_method: verified ? 'sms_code' : null,
          identity_result: verified ? 'verified' : null,
          identity_verified_at: verified,
          status,
          status_before_pause: null,
          due_date: due.date,
          due_at: due.at,
          deadline_problem: null,
          responded_at: responded,
          response_summary: responded ? 'Done' : '',
          refusal_reason: refused ? 'trade_secret' : null,
          complaint_route_given: refused ? 1 : 0,
          closed_at: isOpen ? null : new Date(respondedMs + DAY).toISOString(),
          anonymised_at: null,
          revision: 1,
          created_at: receivedAt,
          updated_at: responded ?? receivedAt,
        });
      }
      yield rows;
    }
  }
  return { batches: batches(), counters, open: () => open };
}

/**
 * Writes `rows` into `table` in one transaction of the register, through its engine's bulk writer
 * (its ids answered in order). `sqlite` is the raw handle under `db` on SQLite.
 */
export async function writeRows<T extends keyof Database & string>(
  db: Kysely<Database>,
  sqlite: BetterSqlite3.Database | undefined,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<number[]> {
  return db.transaction().execute((trx) => bulkWriterOf({ db: trx, sqlite }).insertRows(table, rows));
}

/**
 * Runs `write` with the indexes of `table` set aside, then makes them again, each from the table's
 * rows in one sorted pass (much faster than keeping a dozen B-trees in step row by row once the
 * table is large). On SQLite the search index's triggers are set aside too and the index is rebuilt
 * from its content table after (`rebuild`): the same entries the triggers would have written. On
 * PostgreSQL the pg_trgm indexes are among the indexes; those that back a constraint stay.
 */
export async function withIndexesAfter(db: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined, table: string, write: () => Promise<void>): Promise<void> {
  if (sqlite) {
    const aside = sqlite
      .prepare(`select type, name, sql from sqlite_master where tbl_name = ? and sql is not null and (type = 'index' or (type = 'trigger' and sql like '%requests_fts%'))`)
      .all(table) as { type: 'index' | 'trigger'; name: string; sql: string }[];
    sqlite.transaction(() => {
      for (const a of aside) sqlite.exec(`drop ${a.type} "${a.name}"`);
    })();
    try {
      await write();
    } finally {
      sqlite.transaction(() => {
        for (const a of aside) sqlite.exec(a.sql);
        if (aside.some((a) => a.type === 'trigger')) sqlite.exec(`insert into requests_fts (requests_fts) values ('rebuild')`);
      })();
    }
    return;
  }
  const { rows: aside } = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = ${table} and indexname not in (select conname from pg_constraint)`.execute(db);
  await db.transaction().execute(async (trx) => {
    for (const a of aside) await sql`drop index ${sql.ref(a.indexname)}`.execute(trx);
  });
  try {
    await write();
  } finally {
    await db.transaction().execute(async (trx) => {
      for (const a of aside) await sql.raw(a.indexdef).execute(trx);
    });
  }
}

/** Writes `total` requests (and their reference counters) into the register of `db`, on either engine. */
export async function buildRequests(db: Kysely<Database>, sqlite: BetterSqlite3.Database | undefined, total: number, calendar: HolidayCalendar): Promise<{ open: number }> {
  const made = requestRows(total, calendar);
  await withIndexesAfter(db, sqlite, 'requests', async () => {
    for (const rows of made.batches) await writeRows(db, sqlite, 'requests', rows);
  });
  await db.transaction().execute(async (trx) => {
    for (const [year, n] of made.counters) {
      await trx
        .insertInto('request_counters')
        .values({ year, last_number: n })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: n }))
        .execute();
    }
  });
  return { open: made.open() };
}
