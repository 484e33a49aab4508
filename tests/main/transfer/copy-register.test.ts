import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { fixedClock } from '../../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../../src/main/core/workbench';
import { openDatabase } from '../../../src/main/core/db/connection';
import { tableRows, tablesInForeignKeyOrder } from '../../../src/main/core/db/tables';
import { verifyAuditChain } from '../../../src/main/core/audit/audit-verify';
import { copyRegister, CopyMismatch } from '../../../src/main/core/transfer/copy-register';
import type { Database } from '../../../src/main/core/db/schema';
import type { Channel, InputOf, OutputOf } from '../../../src/shared/contract';
import type { CopyProgress } from '../../../src/shared/domain/transfer';
import { newSession } from '../../../src/main/core/people/session';
import { categoryFixture, requestFixture } from '../../helpers/fixtures';
import { columnOf, freshPostgresRegister, onPostgres, rowsOf, run, SQLITE_ONLY } from '../../helpers/engine';
import { runTs } from '../../helpers/child-process';
import { TEST_NOW } from '../../helpers/workbench';
import { dataDirFor, isPostgresUrl } from '../../../src/main/core/paths';

/**
 * Moving in (issue 15, point 5): a register file onto a PostgreSQL server and back, and file to file.
 * Every register here is a real one (a file, a database of the run's server), signed with the key
 * the suite gives every test (PRIVACY_WORKBENCH_AUDIT_KEY), as the command line signs them.
 */
const dir = mkdtempSync(join(tmpdir(), 'pw-copy-'));
const userDataDir = join(dir, 'user-data');
const OFFICER = { signInName: 'wang.fang', password: 'officer-password-1' };
const opened: Workbench[] = [];
const dropped: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const wb of opened) await wb.close();
  for (const drop of dropped) await drop();
});

async function open(dbPath: string, signIn = false) {
  // A server's files and anchor in this test's user-data folder, where the copy puts them.
  const dataDir = isPostgresUrl(dbPath) ? dataDirFor(dbPath, userDataDir) : undefined;
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'zh-CN', clock: fixedClock(TEST_NOW), actor: 'tester', log: () => {}, ...(dataDir ? { dataDir } : {}) });
  opened.push(wb);
  const session = newSession();
  const call = async <C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> => {
    const result = await wb.router.invoke(channel, input, session);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as OutputOf<C>;
  };
  if (signIn) await call('session:signIn', OFFICER);
  return { wb, call, session };
}

const EMAIL = Buffer.from(
  [
    'From: Li Lei <li.lei@example.cn>',
    'Subject: Please delete my data',
    'Date: Mon, 16 Nov 2026 09:15:00 +0800',
    'Message-ID: <copy-1@example.cn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please delete all my personal information.',
    '--b',
    'Content-Type: application/pdf',
    'Content-Disposition: attachment; filename="id.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 identity document').toString('base64'),
    '--b--',
    '',
  ].join('\r\n'),
);

/** The sample register with requests (one by e-mail, with its attachment), people, settings and a retired category. */
async function sampleFile(name: string): Promise<string> {
  const path = join(dir, name);
  const { wb, call } = await open(path);
  await call('app:setup', { template: 'sample', organisationName: '码尚云', language: 'zh-CN' });
  const category = await call('categories:create', categoryFixture({ code: 'EXTRA-1', name: '附加类别 "quoted"', notes: '第一行\n第二行' }));
  await call('categories:setStatus', { id: category.id, revision: category.revision, status: 'retired' });
  for (const name of ['张三', '李四', 'Zhao Liu']) await call('requests:create', requestFixture({ requesterName: name }));
  const upload = { fileName: 'request.eml', base64: EMAIL.toString('base64') };
  const prefill = await call('requests:parseEmail', upload);
  await call('requests:createFromEmail', { request: { ...prefill.values, accountRef: '', concernsMinor: false, assignee: '' }, email: upload });
  await call('settings:update', { officerName: '王芳', backupKeepDaily: 10 });
  // The officer's password first: from here on everyone signs in (this session stays signed in).
  await call('people:create', { signInName: OFFICER.signInName, displayName: '王芳', role: 'officer', password: OFFICER.password });
  await call('people:create', { signInName: 'li.na', displayName: '李娜', role: 'desk', password: 'desk-password-1' });
  await wb.close();
  opened.splice(opened.indexOf(wb), 1);
  return path;
}

/** Every row of every table, JSON columns (jsonb on a server, which keeps keys in its own order) as values. */
async function contents(db: Kysely<Database>, jsonColumns: Set<string>): Promise<Record<string, unknown[][]>> {
  const all: Record<string, unknown[][]> = {};
  for (const shape of await tablesInForeignKeyOrder(db)) {
    const columns = [...shape.columns].sort();
    const rows: unknown[][] = [];
    for await (const batch of tableRows(db, shape, columns)) {
      rows.push(...batch.map((row) => row.map((v, i) => (jsonColumns.has(`${shape.name}.${columns[i]}`) && typeof v === 'string' ? JSON.parse(v) : v))));
    }
    all[shape.name] = rows;
  }
  return all;
}

/** The last audit entry of a register: the copy's own, on its target. */
async function lastEntry(db: Kysely<Database>) {
  const [row] = await rowsOf<{ entity: string; action: string; after: string }>(db, 'select entity, action, after from audit_log order by id desc limit 1');
  return { ...row!, after: JSON.parse(row!.after) as unknown };
}

describe.skipIf(onPostgres)(`copying a register file to another file ${SQLITE_ONLY}`, () => {
  it('copies every table with its ids, the files, and an audit chain that verifies; counts per table', async () => {
    const source = await sampleFile('a.sqlite');
    const { wb } = await open(source, true);
    const target = join(dir, 'b.sqlite');
    const outcome = await copyRegister(wb.ctx, target);
    expect(outcome.counts.find((c) => c.table === 'requests')).toEqual({ table: 'requests', source: 4, target: 4 });
    expect(outcome.counts.find((c) => c.table === 'request_attachments')!.target).toBe(2);
    expect(outcome.counts.every((c) => c.source === c.target)).toBe(true);
    expect(outcome.targetChain.entries).toBe(outcome.sourceChain.entries + 1);
    expect(outcome.files).toBe(2); // the e-mail and its PDF
    expect(readdirSync(join(dir, 'b-files', 'request-files'))).toHaveLength(2);

    const copy = await open(target, true);
    expect(await verifyAuditChain(copy.wb.ctx)).toMatchObject({ ok: true, problems: [], imported: null });
    const a = await contents(wb.ctx.db, new Set());
    const b = await contents(copy.wb.ctx.db, new Set());
    expect({ ...b, audit_log: b.audit_log!.slice(0, -1) }).toEqual(a);
    // The copy's own entry closes the copied chain, naming the source and its length.
    expect(await lastEntry(copy.wb.ctx.db)).toEqual({ entity: 'workbench', action: 'import', after: { copiedFrom: source, entries: a.audit_log!.length, head: outcome.sourceChain.headHash } });
    // The requests desk goes on from the copied ids.
    const next = await copy.call('requests:create', requestFixture({ requesterName: '新的' }));
    expect(next.id).toBe(5);
    expect(next.reference).toBe('REQ-2026-0005');
  });

  it('tells the progress while it copies, through the router, to the officer alone', async () => {
    const source = await sampleFile('p.sqlite');
    const { wb, session } = await open(source, true);
    const copying = wb.router.invoke('transfer:copyRegister', { target: join(dir, 'q.sqlite') }, session);
    let finished = false;
    void copying.then(() => (finished = true));
    const seen: { running: boolean; done: number; total: number }[] = [];
    // Ask between the copy's own steps (both run on promises); every 20th question gives way to the
    // event loop as well, so that the copy's file work (attachments, the anchor) goes on meanwhile.
    for (let asked = 1; !finished; asked++) {
      const progress = await wb.router.invoke('transfer:copyProgress', {}, session);
      if (progress.ok && (progress.value as CopyProgress).running) seen.push(progress.value as CopyProgress);
      if (asked % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await copying).toMatchObject({ ok: true });
    expect(seen.some((p) => p.running && p.total > 0)).toBe(true);
    const end = await wb.router.invoke('transfer:copyProgress', {}, session);
    expect(end).toMatchObject({ ok: true, value: { running: false } });
    const last = (end.ok ? end.value : null) as CopyProgress | null;
    expect(last!.done).toBe(last!.total);
    // A desk person may neither copy nor watch.
    const desk = newSession();
    expect((await wb.router.invoke('session:signIn', { signInName: 'li.na', password: 'desk-password-1' }, desk)).ok).toBe(true);
    expect(await wb.router.invoke('transfer:copyRegister', { target: join(dir, 'r.sqlite') }, desk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await wb.router.invoke('transfer:copyProgress', {}, desk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(existsSync(join(dir, 'r.sqlite'))).toBe(false);
  });

  it('refuses a target that holds anything, naming it, and writes nothing there', async () => {
    const source = await sampleFile('c.sqlite');
    const { wb, session } = await open(source, true);
    const target = join(dir, 'd.sqlite');
    await copyRegister(wb.ctx, target);
    const copy = await open(target, true);
    const before = await contents(copy.wb.ctx.db, new Set());
    await expect(copyRegister(wb.ctx, target)).rejects.toMatchObject({ code: 'VALIDATION', messageRef: { key: 'errors:copy.targetNotEmpty', params: { location: target, table: 'audit_log' } } });
    expect(await contents(copy.wb.ctx.db, new Set())).toEqual(before);
    // Through the router too, in the register's language.
    const refused = await wb.router.invoke('transfer:copyRegister', { target }, session);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!refused.ok && refused.error.message).toContain(`${target} 不是空的（audit_log 中有`);
    expect(await wb.router.invoke('transfer:copyRegister', { target: 'relative.sqlite' }, session)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rolls back a copy whose counts differ (a row the target drops), and keeps nothing of it', async () => {
    const source = await sampleFile('e.sqlite');
    const { wb } = await open(source, true);
    const target = join(dir, 'f.sqlite');
    const empty = await openDatabase({ path: target });
    // Injected on the target: a request's second timeline event silently goes missing.
    empty.sqlite!.exec(`create trigger drop_event before insert on request_events when new.id = 2 begin select raise(ignore); end`);
    const n = Number((await rowsOf<{ n: number }>(wb.ctx.db, 'select count(*) as n from request_events'))[0]!.n);
    const before = await contents(empty.db, new Set());
    const error = await copyRegister(wb.ctx, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopyMismatch);
    expect((error as CopyMismatch).counts.filter((c) => c.source !== c.target)).toEqual([{ table: 'request_events', source: n, target: n - 1 }]);
    expect((error as CopyMismatch).messageRef.params).toEqual({ tables: `request_events (${n} → ${n - 1})` });
    expect(await contents(empty.db, new Set())).toEqual(before);
    await empty.close();
  });

  it('refuses a source whose audit log was altered, and creates no file', async () => {
    const source = await sampleFile('g.sqlite');
    const { wb } = await open(source, true);
    await run(wb.ctx.db, `update audit_log set actor = 'someone else' where id = 3`);
    const target = join(dir, 'h.sqlite');
    await expect(copyRegister(wb.ctx, target)).rejects.toMatchObject({ messageRef: { key: 'errors:copy.sourceChain', params: { location: source, id: 3 } } });
    expect(existsSync(target)).toBe(false);
  });
});

describe.skipIf(!onPostgres)('copying between a register file and a PostgreSQL server', () => {
  async function emptyServerRegister() {
    const register = await freshPostgresRegister();
    dropped.push(register.drop);
    return register.url;
  }

  it('SQLite → PostgreSQL → SQLite gives the same rows in every table, chains verified on every side', async () => {
    const source = await sampleFile('pg-a.sqlite');
    const { wb } = await open(source, true);
    const server = await emptyServerRegister();
    const there = await copyRegister(wb.ctx, server, { userDataDir });
    expect(there.counts.every((c) => c.source === c.target)).toBe(true);

    // On the server the same officer signs in with the same password, and the log verifies with this machine's key.
    const team = await open(server, true);
    expect(await team.call('audit:verify', {})).toMatchObject({ ok: true, problems: [] });
    const jsonColumns = new Set(
      (await rowsOf<{ t: string; c: string }>(team.wb.ctx.db, `select table_name as t, column_name as c from information_schema.columns where data_type = 'jsonb'`)).map((r) => `${r.t}.${r.c}`),
    );
    expect(jsonColumns.has('request_events.data')).toBe(true);
    const back = join(dir, 'pg-b.sqlite');
    const home = await copyRegister(team.wb.ctx, back, { userDataDir });
    expect(home.counts.every((c) => c.source === c.target)).toBe(true);
    const returned = await open(back, true);
    expect(await verifyAuditChain(returned.wb.ctx)).toMatchObject({ ok: true, problems: [] });

    const a = await contents(wb.ctx.db, jsonColumns);
    const p = await contents(team.wb.ctx.db, jsonColumns);
    const b = await contents(returned.wb.ctx.db, jsonColumns);
    const n = a.audit_log!.length;
    expect({ ...p, audit_log: p.audit_log!.slice(0, n) }).toEqual(a);
    expect({ ...b, audit_log: b.audit_log!.slice(0, n) }).toEqual(a);
    expect(b.audit_log!.slice(0, n + 1)).toEqual(p.audit_log);
    expect(b.audit_log).toHaveLength(n + 2); // each copy's own entry
    // Identity sequences continue after the copied ids, on the server and in the file.
    expect((await team.call('requests:create', requestFixture({ requesterName: '服务器上的' }))).id).toBe(5);
    expect((await returned.call('requests:create', requestFixture({ requesterName: '文件里的' }))).id).toBe(5);
  }, 60_000);

  it('leaves the server database empty when a row is refused midway (a constraint injected on the target)', async () => {
    const source = await sampleFile('pg-c.sqlite');
    const { wb } = await open(source, true);
    const server = await emptyServerRegister();
    const empty = await openDatabase({ path: server });
    await run(empty.db, `create function refuse_request() returns trigger language plpgsql as $$ begin if new.id = 3 then raise exception 'injected refusal'; end if; return new; end $$`);
    await run(empty.db, `create trigger refuse_request before insert on requests for each row execute function refuse_request()`);
    const before = await contents(empty.db, new Set());
    await expect(copyRegister(wb.ctx, server, { userDataDir })).rejects.toMatchObject({ messageRef: { key: 'errors:copy.failed', params: { detail: expect.stringContaining('injected refusal') } } });
    expect(await contents(empty.db, new Set())).toEqual(before);
    expect(before.audit_log).toEqual([]);
    await empty.close();
  }, 60_000);

  it('refuses a file where nobody has a password: nobody could sign in on the server', async () => {
    const path = join(dir, 'pg-single.sqlite');
    const { wb, call } = await open(path);
    await call('app:setup', { template: 'empty', organisationName: 'Org', language: 'en' });
    const server = await emptyServerRegister();
    await expect(copyRegister(wb.ctx, server, { userDataDir })).rejects.toMatchObject({ messageRef: { key: 'errors:copy.nobodySignsIn' } });
  });

  it('npm run cli -- copy-register: file → server → file, as the officer; a desk person is refused; counts printed', async () => {
    const source = await sampleFile('cli-a.sqlite');
    const server = await emptyServerRegister();
    const back = join(dir, 'cli-b.sqlite');
    const cli = async (args: string[], password: string) => {
      const child = runTs('src/main/cli.ts', args, { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', PRIVACY_WORKBENCH_PASSWORD: password, XDG_CONFIG_HOME: userDataDir });
      const { code } = await child.exited;
      return { code, stdout: child.lines.join('\n'), stderr: child.stderr() };
    };
    const desk = await cli(['copy-register', '--from', source, '--to', server, '--user', 'li.na'], 'desk-password-1');
    expect(desk.code).toBe(1);
    expect(desk.stderr).toMatch(/transfer:copyRegister/);
    const up = await cli(['copy-register', '--from', source, '--to', server, '--user', OFFICER.signInName], OFFICER.password);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/^requests\s+4\s+4$/m);
    expect(up.stdout).toMatch(/^people\s+2\s+2$/m);
    expect(up.stdout).toContain('Audit log verified on both sides');
    const down = await cli(['copy-register', '--from', server, '--to', back, '--user', OFFICER.signInName], OFFICER.password);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toMatch(/^request_attachments\s+2\s+2$/m);
    const again = await cli(['copy-register', '--from', source, '--to', server, '--user', OFFICER.signInName], OFFICER.password);
    expect(again.code).toBe(1);
    // In the register's language.
    expect(again.stderr).toMatch(/不是空的（audit_log 中有 \d+ 行）/);
  }, 120_000);
});

describe.skipIf(!onPostgres)('carrying the files between a register file and a PostgreSQL server', () => {
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('file → server → file: the server keeps the bytes in its table, a workbench there opens them, the file gets them back in its folder', async () => {
    const source = await sampleFile('files-a.sqlite');
    const { wb, call } = await open(source, true);
    const [emailed] = (await call('requests:list', { search: 'Li Lei' })).items;
    const kept = await call('requests:attachments', { id: emailed!.id });
    const bytesOf = async (c: typeof call, id: number) => Buffer.from((await c('requests:downloadAttachment', { id })).base64, 'base64');
    const originals = await Promise.all(kept.map((f) => bytesOf(call, f.id)));
    expect(originals[0]!.equals(EMAIL)).toBe(true);

    const register = await freshPostgresRegister();
    dropped.push(register.drop);
    const there = await copyRegister(wb.ctx, register.url, { userDataDir });
    expect(there.files).toBe(2);
    const team = await open(register.url, true);
    expect(await columnOf<string>(team.wb.ctx.db, `select sha256 from stored_files where folder = 'request-files' order by sha256`)).toEqual(kept.map((f) => f.sha256).sort());
    for (const [i, file] of kept.entries()) expect((await bytesOf(team.call, file.id)).equals(originals[i]!)).toBe(true);
    // Nothing of them in the server's folder on this machine: the register holds them.
    expect(existsSync(join(team.wb.ctx.dataDir, 'request-files'))).toBe(false);

    const back = join(dir, 'files-b.sqlite');
    const home = await copyRegister(team.wb.ctx, back, { userDataDir });
    expect(home.files).toBe(2);
    const folder = join(dataDirFor(back, userDataDir), 'request-files');
    expect(readdirSync(folder).sort()).toEqual([`${kept[0]!.sha256}.eml`, `${kept[1]!.sha256}.pdf`].sort());
    for (const name of readdirSync(folder)) expect(sha256(readFileSync(join(folder, name)))).toBe(name.slice(0, 64));
    const returned = await open(back, true);
    for (const [i, file] of kept.entries()) expect((await bytesOf(returned.call, file.id)).equals(originals[i]!)).toBe(true);
  }, 60_000);

  it('refuses a file whose kept attachment no longer matches its SHA-256, naming it, and keeps nothing on the server', async () => {
    const source = await sampleFile('files-c.sqlite');
    const { wb, call } = await open(source, true);
    const [emailed] = (await call('requests:list', { search: 'Li Lei' })).items;
    const pdf = (await call('requests:attachments', { id: emailed!.id })).find((f) => f.fileName === 'id.pdf')!;
    writeFileSync(join(wb.ctx.dataDir, 'request-files', `${pdf.sha256}.pdf`), '%PDF-1.4 altered');
    const register = await freshPostgresRegister();
    dropped.push(register.drop);
    await expect(copyRegister(wb.ctx, register.url, { userDataDir })).rejects.toMatchObject({ messageRef: { key: 'errors:copy.fileDiffers', params: { name: 'id.pdf' } } });
    const empty = await openDatabase({ path: register.url });
    expect(await columnOf(empty.db, 'select count(*) from stored_files')).toEqual([0]);
    expect(await columnOf(empty.db, 'select count(*) from audit_log')).toEqual([0]);
    await empty.close();
  }, 60_000);
});
