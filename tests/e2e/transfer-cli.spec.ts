import BetterSqlite3 from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from '@playwright/test';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, process.env.PW_OUT_DIR ?? 'out', 'main/cli.js');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function sampleDb() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cli-'));
  const db = join(dir, 'register.sqlite');
  expect(cli('info', '--db', db, '--template', 'sample').code).toBe(0);
  return { dir, db };
}

test.describe('command line: export, import, backup, restore', () => {
  test('exports each format and exits 0; the PDF holds the organisation and a category name', async () => {
    const { dir, db } = sampleDb();
    for (const format of ['pdf', 'xlsx', 'csv', 'json']) {
      const run = cli('export', '--db', db, '--report', 'register', '--format', format, '--out', join(dir, `register.${format}`));
      expect(run.code, run.stderr).toBe(0);
    }
    const pdf = spawnSync('pdftotext', [join(dir, 'register.pdf'), '-'], { encoding: 'utf8' }).stdout;
    // Set up on an English system, the sample register is the English one (its Chinese PDF: tests/main/transfer/reports.test.ts).
    expect(pdf).toContain('Shanghai Machang Information Technology Consulting Centre (MaSoCloud)');
    // A narrow column wraps the name over two lines; read as flowing text.
    // The category's code and its name, each in its cell (a narrow column may wrap the name).
    expect(pdf).toContain('USE-DEVICE');
    expect(pdf.replace(/\s+/g, ' ')).toMatch(/\bDevice information\b/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv')).sort()).toEqual([
      'register-agreements.csv',
      'register-categories.csv',
      'register-cover.csv',
      'register-flows.csv',
      'register-partners.csv',
      'register-sdkReviews.csv',
    ]);
    const gaps = cli('export', '--db', db, '--report', 'gaps', '--format', 'xlsx', '--out', join(dir, 'gaps.xlsx'));
    expect(gaps.code, gaps.stderr).toBe(0);
  });

  test("masks requesters' details unless --include-requester-details is given; help says the JSON holds personal information", async () => {
    const { dir, db } = sampleDb();
    const intake = join(dir, 'intake.csv');
    writeFileSync(intake, "Channel,Received at,Requester's name,Phone or email,Kind of request\nEmail,2026-11-16 10:00,John Smith,13812345678,Deletion\n");
    expect(cli('import', '--db', db, '--file', intake).code).toBe(0);
    const masked = cli('export', '--db', db, '--report', 'requests', '--format', 'csv', '--sheet', 'requests', '--out', join(dir, 'masked.csv'));
    expect(masked.code, masked.stderr).toBe(0);
    expect(readFileSync(join(dir, 'masked.csv'), 'utf8')).toContain(',J*** S***,138****5678,');
    const full = cli('export', '--db', db, '--report', 'requests', '--format', 'csv', '--sheet', 'requests', '--out', join(dir, 'full.csv'), '--include-requester-details');
    expect(full.code, full.stderr).toBe(0);
    expect(readFileSync(join(dir, 'full.csv'), 'utf8')).toContain(',John Smith,13812345678,');
    const help = cli('--help');
    expect(help.stdout + help.stderr).toContain('--include-requester-details');
    expect(help.stdout + help.stderr).toContain('it holds personal information');
  });

  test('an export or backup of a path that holds no register exits 1 and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cli-missing-'));
    const missing = join(dir, 'typo.sqlite');
    const exported = cli('export', '--db', missing, '--report', 'register', '--format', 'json', '--out', join(dir, 'r.json'));
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`There is no register at ${missing}`);
    expect(cli('backup', '--db', missing, '--out', join(dir, 'b.sqlite')).code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('usage errors exit 2; an unwritable folder exits 1 and leaves no partial file', async () => {
    const { dir, db } = sampleDb();
    expect(cli('export', '--db', db, '--report', 'everything', '--format', 'pdf', '--out', join(dir, 'x.pdf')).code).toBe(2);
    expect(cli('export', '--db', db, '--report', 'requests', '--format', 'xlsx', '--out', join(dir, 'x.xlsx'), '--from', '2026-13-01').code).toBe(2);
    expect(cli('export', '--db', db, '--report', 'register', '--format', 'xlsx').code).toBe(2);
    expect(cli('import', '--db', db).code).toBe(2);
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const asRoot = process.getuid?.() === 0; // root writes anywhere: use a path under a file instead
    const target = asRoot ? join(dir, 'register.sqlite', 'out.xlsx') : join(locked, 'out.xlsx');
    const run = cli('export', '--db', db, '--report', 'register', '--format', 'xlsx', '--out', target);
    expect(run.code).toBe(1);
    // One sentence naming the file the user asked for (not the temporary one beside it) and the cause.
    expect(run.stderr.trim()).toMatch(/^(Permission denied for )?\S*out\.xlsx( cannot be used: part of that path is a file, not a folder|: the file or its folder is read-only, or you do not have access to it)\. Nothing was written\.$/);
    expect(readdirSync(locked)).toEqual([]);
    chmodSync(locked, 0o700);
  });

  test('an import with bad rows exits 1, prints every problem by row and column, and writes nothing', async () => {
    const { dir, db } = sampleDb();
    const file = join(dir, 'categories.csv');
    writeFileSync(
      file,
      '\ufeffCode,Name,Stage,Data items,Whose information,Purposes,Legal basis (PIPL Art. 13),How it is collected,Retention in days\n' +
        'NEW-1,New,At registration,Name,Individual user,p,Consent,Provided by the user,x\n' +
        'REG-IDENTITY,Dup,At registration,Name,Individual user,p,Consent,Provided by the user,\n',
    );
    const before = readFileSync(db);
    const dry = cli('import', '--db', db, '--file', file, '--dry-run');
    expect(dry.code).toBe(1);
    const run = cli('import', '--db', db, '--file', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('row 2, column "Retention in days": “x” is not a number');
    expect(run.stderr).toContain('row 3, column "Code": REG-IDENTITY already exists in the register');
    const exported = join(dir, 'after.csv');
    expect(cli('export', '--db', db, '--report', 'register', '--format', 'csv', '--sheet', 'categories', '--out', exported).code).toBe(0);
    expect(readFileSync(exported, 'utf8')).not.toContain('NEW-1');
    void before;
  });

  test('backup, then restore into another register; a bad restore exits 1 and changes nothing', async () => {
    const { dir, db } = sampleDb();
    const backup = join(dir, 'backup.sqlite');
    const backedUp = cli('backup', '--db', db, '--out', backup);
    expect(backedUp.code).toBe(0);
    expect(existsSync(`${backup}-wal`)).toBe(false);
    // The backup is printed with its audit log's head, as it is in the file.
    const printed = /Audit log in the backup: (\d+) entries, last entry hash ([0-9a-f]{64})/.exec(backedUp.stdout);
    const file = new BetterSqlite3(backup, { readonly: true });
    const head = file.prepare('select hash, (select count(*) from audit_log) as n from audit_log order by id desc limit 1').get() as { hash: string; n: number };
    file.close();
    expect([Number(printed?.[1]), printed?.[2]]).toEqual([head.n, head.hash]);
    const other = join(dir, 'other.sqlite');
    expect(cli('info', '--db', other, '--template', 'empty').code).toBe(0);
    const restored = cli('restore', '--db', other, '--from', backup);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/kept at .*other\.replaced-.*\.sqlite/);
    expect(JSON.parse(cli('info', '--db', other).stdout).organisationName).toBe('Shanghai Machang Information Technology Consulting Centre (MaSoCloud)');

    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database');
    const before = readFileSync(other);
    const refused = cli('restore', '--db', other, '--from', junk);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^The backup junk\.sqlite cannot be restored: .+\. The register has not been changed\.$/);
    // In Chinese on a Chinese system, as the app says it.
    const zh = spawnSync(process.execPath, [CLI, 'restore', '--db', other, '--from', junk], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' },
    });
    expect(zh.status).toBe(1);
    expect(zh.stderr.trim()).toMatch(/^无法从备份 junk\.sqlite 恢复：.+。登记册未被改动。$/);
    expect(readFileSync(other).equals(before)).toBe(true);
  });

  test('a JSON export imports into an empty register and exports again with the same records and the import on the record', async () => {
    const { dir, db } = sampleDb();
    const first = join(dir, 'first.json');
    expect(cli('export', '--db', db, '--report', 'register', '--format', 'json', '--out', first, '--clock', '2026-11-17T06:30:00Z').code).toBe(0);
    const fresh = join(dir, 'fresh.sqlite');
    const imported = cli('import', '--db', fresh, '--file', first);
    expect(imported.code, imported.stderr).toBe(0);
    const second = join(dir, 'second.json');
    expect(cli('export', '--db', fresh, '--report', 'register', '--format', 'json', '--out', second, '--clock', '2026-11-17T06:30:00Z').code).toBe(0);
    type Table = { name: string; columns: string[]; rows: unknown[][] };
    const tables = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { tables: Table[] }).tables;
    const [a, b] = [tables(first), tables(second)];
    // Every register table comes back as it was exported.
    const records = (list: Table[]) => list.filter((t) => t.name !== 'audit_log').map((t) => [t.name, t.columns, t.rows]);
    expect(records(b)).toEqual(records(a));
    // The audit log keeps the exported chain whole, then says that it was imported (and from which file).
    const audit = (list: Table[]) => list.find((t) => t.name === 'audit_log')!;
    const [logA, logB] = [audit(a), audit(b)];
    expect(logB.rows.slice(0, logA.rows.length)).toEqual(logA.rows);
    const action = logB.columns.indexOf('action');
    expect(logB.rows.slice(logA.rows.length).map((r) => r[action])).toEqual(['import']);
  });
});
