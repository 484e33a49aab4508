/**
 * Several workbenches writing one register at once (issue 15, point 3): three processes on one
 * PostgreSQL database (the postgres project) or on one SQLite file (the sqlite project) log requests
 * and edit one shared record together; then the references, the counts, the revisions and the audit
 * chain must all agree.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { createPerson } from '../../../src/main/core/people/people.service';
import { POSTGRES_WRITE_LOCK, WRITE_LOCK_WAIT_SETTING } from '../../../src/main/core/db/dialect';
import { withWriteRetries } from '../../../src/main/core/db/postgres';
import type { Result } from '../../../src/shared/contract/result';
import type { Category } from '../../../src/shared/domain/categories';
import { runTs, type Child } from '../../helpers/child-process';
import { freshPostgresRegister, onPostgres, rowsOf } from '../../helpers/engine';
import { categoryFixture } from '../../helpers/fixtures';
import type { WriterSummary } from '../../helpers/team-writer';

const WRITERS = ['A', 'B', 'C'];
const EACH = 10;
const PASSWORD = 'several writers, one register';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A new register on this project's engine, and the folder its workbenches keep their files in. */
async function freshRegister(): Promise<{ dbPath: string; dataDir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-concur-'));
  if (!onPostgres) return { dbPath: join(dir, 'register.sqlite'), dataDir: join(dir, 'files') };
  const register = await freshPostgresRegister();
  cleanups.push(() => register.drop());
  return { dbPath: register.url, dataDir: join(dir, 'files') };
}

async function open(dbPath: string, dataDir: string, signInAs?: string): Promise<Workbench> {
  const wb = await openWorkbench({ dbPath, dataDir, host: 'cli', systemLanguage: 'en', actor: 'tester', log: () => {} });
  cleanups.push(() => wb.close());
  if (onPostgres && signInAs) {
    const signedIn = await wb.router.invoke('session:signIn', { signInName: signInAs, password: PASSWORD });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
  }
  return wb;
}

/** The register with one officer per writer (on a server, where everyone signs in) and the category they all edit. */
async function preparedRegister(before: (dbPath: string) => Promise<void> = async () => {}) {
  const { dbPath, dataDir } = await freshRegister();
  await before(dbPath);
  const wb = await open(dbPath, dataDir);
  if (onPostgres) {
    for (const tag of WRITERS) await createPerson(wb.ctx, { signInName: `officer-${tag.toLowerCase()}`, displayName: `Officer ${tag}`, role: 'officer', seesContacts: true, password: PASSWORD });
    const signedIn = await wb.router.invoke('session:signIn', { signInName: 'officer-a', password: PASSWORD });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
  }
  const created = (await wb.router.invoke('categories:create', categoryFixture({ code: 'SHARED', name: '多人同时编辑' }))) as Result<Category>;
  if (!created.ok) throw new Error(created.error.message);
  return { dbPath, dataDir, wb, category: created.value };
}

const summaryOf = (child: Child) => JSON.parse(child.lines.at(-1) ?? '{}') as WriterSummary;

describe('several workbenches writing one register at once', () => {
  it('references stay unique and gap-free, the slower editor gets CONFLICT, the counts and the audit chain agree', async () => {
    const { dbPath, dataDir, wb, category } = await preparedRegister();
    const looked = await wb.router.invoke('audit:changes', {});
    if (!looked.ok) throw new Error(looked.error.message);
    const go = join(dataDir, '..', 'go');
    const writers = WRITERS.map((tag) =>
      runTs('tests/helpers/team-writer.ts', [dbPath, dataDir, tag, String(EACH), String(category.id)], { GO_FILE: go, PRIVACY_WORKBENCH_PASSWORD: PASSWORD }),
    );
    await Promise.all(writers.map((w) => w.waitFor('started')));
    writeFileSync(go, '');
    const exits = await Promise.all(writers.map((w) => w.exited));
    const summaries = writers.map(summaryOf);
    for (const [i, writer] of writers.entries()) {
      expect(exits[i], writer.stderr()).toMatchObject({ code: 0 });
      expect(summaries[i]!.failed).toEqual([]);
      expect(summaries[i]!.references).toHaveLength(EACH);
    }

    // Every request logged has its own reference, numbered 1…n in its year without a gap.
    const given = summaries.flatMap((s) => s.references);
    const stored = await rowsOf<{ reference: string }>(wb.ctx.db, 'select reference from requests order by id');
    expect(stored.map((r) => r.reference).sort()).toEqual([...given].sort());
    expect(new Set(given).size).toBe(WRITERS.length * EACH);
    const byYear = new Map<string, number[]>();
    for (const reference of given) {
      const [, year, n] = /^REQ-(\d{4})-(\d{4,})$/.exec(reference)!;
      byYear.set(year!, [...(byYear.get(year!) ?? []), Number(n)]);
    }
    for (const numbers of byYear.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    const counted = await wb.router.invoke('requests:list', { page: 1, pageSize: 10 });
    expect(counted.ok && (counted.value as { total: number }).total).toBe(WRITERS.length * EACH);

    // Each edit was saved or refused as overtaken, never both and never lost: the revision rose once
    // per saved edit, the stored notes are the last saved edit's, and each saved edit has its entry.
    const saved = summaries.flatMap((s) => s.saved);
    expect(saved.length + summaries.reduce((n, s) => n + s.conflicts, 0)).toBe(WRITERS.length * EACH);
    expect(saved.length).toBeGreaterThan(0);
    const [after] = await rowsOf<{ revision: number; notes: string }>(wb.ctx.db, 'select revision, notes from collection_categories where id = ?', category.id);
    expect(Number(after!.revision)).toBe(category.revision + saved.length);
    expect(saved).toContain(after!.notes);
    const entries = await rowsOf<{ entity: string; action: string; n: number }>(
      wb.ctx.db,
      'select entity, action, count(*) as n from audit_log group by entity, action',
    );
    const entriesOf = (entity: string, action: string) => Number(entries.find((e) => e.entity === entity && e.action === action)?.n ?? 0);
    expect(entriesOf('category', 'update')).toBe(saved.length);
    expect(entriesOf('request', 'create')).toBe(WRITERS.length * EACH);

    // One chain, in one order: ids 1…n without a gap, each entry after the one before it.
    const ids = await rowsOf<{ id: number }>(wb.ctx.db, 'select id from audit_log order by id');
    expect(ids.map((r) => Number(r.id))).toEqual(ids.map((_, i) => i + 1));
    const audit = await verifyAuditChain(wb.ctx);
    expect(audit.problems).toEqual([]);
    expect(audit.ok).toBe(true);
    expect(audit.checked).toBe(ids.length);
    // A window of this workbench, looking again, is told that requests and categories were written elsewhere.
    const seen = await wb.router.invoke('audit:changes', { afterId: (looked.value as { lastId: number }).lastId });
    expect(seen).toEqual({ ok: true, value: { lastId: ids.length, entities: ['category', 'request'] } });
  }, 60_000);

  it.skipIf(!onPostgres)('two editors saving the same revision at the same moment: one is saved, the other gets CONFLICT (PostgreSQL)', async () => {
    const { dbPath, dataDir, wb, category } = await preparedRegister();
    const other = await open(dbPath, dataDir, 'officer-b');
    const { status: _s, createdAt: _c, updatedAt: _u, ...values } = category;
    const outcomes = (await Promise.all(
      [wb, other].map((w, i) => w.router.invoke('categories:update', { ...values, notes: `editor ${i}` })),
    )) as Result<Category>[];
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const refused = outcomes.find((o) => !o.ok);
    expect(refused && !refused.ok && refused.error.code).toBe('CONFLICT');
    const [row] = await rowsOf<{ revision: number; notes: string }>(wb.ctx.db, 'select revision, notes from collection_categories where id = ?', category.id);
    expect(Number(row!.revision)).toBe(category.revision + 1);
    expect(row!.notes).toBe(`editor ${outcomes.findIndex((o) => o.ok)}`);
  }, 30_000);

  it.skipIf(!onPostgres)('a save caught in a deadlock with another session waits and is saved (PostgreSQL)', async () => {
    const { dbPath, wb, category } = await preparedRegister();
    // Another session holds the category's row, then wants the register's write lock, which the
    // save holds while it waits for that row: the server breaks the deadlock by failing the save.
    const outside = new pg.Client({ connectionString: dbPath });
    await outside.connect();
    cleanups.push(() => outside.end());
    await outside.query('begin');
    await outside.query(`update collection_categories set name = name where id = $1`, [category.id]);
    const { status: _s, createdAt: _c, updatedAt: _u, ...values } = category;
    const saving = wb.router.invoke('categories:update', { ...values, notes: 'saved after the deadlock' }) as Promise<Result<Category>>;
    await sleep(300);
    // The save holds the register's write lock while it waits for the row.
    const { rows: held } = await outside.query<{ n: string }>(`select count(*) as n from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid() and database = (select oid from pg_database where datname = current_database())`);
    expect(Number(held[0]!.n)).toBeGreaterThan(0);
    const outsideDone = outside
      .query(POSTGRES_WRITE_LOCK.sql)
      .then(() => outside.query('commit'))
      .catch(async (error: Error) => {
        await outside.query('rollback');
        return error;
      });
    const saved = await saving;
    expect(saved.ok, saved.ok ? '' : saved.error.message).toBe(true);
    expect(await outsideDone).not.toBeInstanceOf(Error); // the save was the one failed, and it ran again
    const [row] = await rowsOf<{ notes: string }>(wb.ctx.db, 'select notes from collection_categories where id = ?', category.id);
    expect(row!.notes).toBe('saved after the deadlock');
  }, 30_000);

  it.skipIf(!onPostgres)('a save waits while another session holds the write lock, and is refused as busy, nothing written, when it waits longer than the database allows (PostgreSQL)', async () => {
    // Two minutes by default; the administrator's setting for this database, here 3 s, is what counts.
    const { dbPath, wb, category } = await preparedRegister(async (url) => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`alter database "${new URL(url).pathname.slice(1)}" set ${WRITE_LOCK_WAIT_SETTING} = '3s'`);
      await admin.end();
    });
    const outside = new pg.Client({ connectionString: dbPath });
    await outside.connect();
    cleanups.push(() => outside.end());
    const { status: _s, createdAt: _c, updatedAt: _u, ...values } = category;

    await outside.query('begin');
    await outside.query(POSTGRES_WRITE_LOCK.sql);
    const began = Date.now();
    const waiting = wb.router.invoke('categories:update', { ...values, notes: 'after the wait' }) as Promise<Result<Category>>;
    await sleep(1_000);
    await outside.query('commit');
    const saved = await waiting;
    expect(saved.ok, saved.ok ? '' : saved.error.message).toBe(true);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_000);

    await outside.query('begin');
    await outside.query(POSTGRES_WRITE_LOCK.sql);
    const refusing = Date.now();
    const refused = (await wb.router.invoke('categories:update', { ...values, revision: category.revision + 1, notes: 'never written' })) as Result<Category>;
    const waited = Date.now() - refusing;
    await outside.query('rollback');
    expect(waited).toBeGreaterThanOrEqual(2_900);
    expect(waited).toBeLessThan(60_000);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('The register is busy') });
    const [row] = await rowsOf<{ notes: string }>(wb.ctx.db, 'select notes from collection_categories where id = ?', category.id);
    expect(row!.notes).toBe('after the wait');
  }, 60_000);
});

describe('retrying a write that met another writer', () => {
  it('runs again after a deadlock or a serialisation failure, gives up after a few attempts, never retries anything else', async () => {
    let attempts = 0;
    const failing = (codes: string[]) => async () => {
      attempts += 1;
      const code = codes[attempts - 1];
      if (code) throw Object.assign(new Error(code), { code });
      return 'written';
    };
    await expect(withWriteRetries(failing(['40P01', '40001']))).resolves.toBe('written');
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(withWriteRetries(failing(Array(10).fill('40P01')))).rejects.toMatchObject({ code: '40P01' });
    expect(attempts).toBe(5);
    attempts = 0;
    await expect(withWriteRetries(failing(['23505']))).rejects.toMatchObject({ code: '23505' });
    expect(attempts).toBe(1);
  });
});
