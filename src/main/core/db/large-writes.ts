/**
 * What follows a large write committed at once (an import of a sheet, a whole register read in or
 * copied to a server), outside any transaction.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres, refreshPlannerStatistics } from './dialect';

/**
 * The tallies a list sums whole, few rows each (per status, kind and channel; per partner role and
 * status; per cited clause …; and the flows per partner, which a gap check reads whole), kept by a
 * trigger on every row written. On PostgreSQL each update
 * leaves the old version of its tally row behind, and in one transaction none of them can be
 * cleared before it commits: an import of 100,000 requests leaves as many versions of a few hundred
 * rows, and a vacuum frees their space without giving it back, so that every later list reads the
 * whole grown table (a register of a million requests built so: request_tallies 396 rows in 17 MB,
 * each sum of them 7.4 ms instead of 0.14). The tallies of hours (intake, answers) and of due
 * times grow with the register and are read by ranges of their keys; they are left as they are.
 */
const SUMMED_TALLIES = ['request_tallies', 'request_undated_tallies', 'partner_tallies', 'agreement_tallies', 'sdk_tallies', 'sharing_flow_tallies', 'partner_flow_tallies', 'policy_citation_tallies'];

/**
 * Rows written at once from which PostgreSQL's tallies and statistics are seen to at once: fewer
 * leave a page or so of old versions, and autovacuum analyses a table within a minute of a tenth of
 * it changing (analysing every table of a million requests takes about a second).
 */
const LARGE_WRITE_ROWS = 1000;

/**
 * After `rows` rows were written in one transaction. SQLite: the planner's statistics gathered for
 * them (refreshPlannerStatistics, which itself passes over tables that have not grown much).
 * PostgreSQL, from LARGE_WRITE_ROWS: the summed tallies written again compactly (VACUUM FULL: each
 * holds at most some thousands of rows, a few milliseconds under a lock that other writers wait
 * for), then every table analysed now rather than when autovacuum next looks. A role that does not
 * own the tables is skipped with the server's warning, never refused.
 */
export async function afterLargeWrite(db: Kysely<any>, rows: number): Promise<void> {
  if (!isPostgres(db)) return refreshPlannerStatistics(db);
  if (rows < LARGE_WRITE_ROWS) return;
  // (VACUUM cannot run inside a transaction: a caller's, and the tallies stay until the next large write.)
  if (!db.isTransaction) await sql.raw(`vacuum full ${SUMMED_TALLIES.join(', ')}`).execute(db);
  await sql.raw('analyze').execute(db);
}
