import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/connection';
import { runningAsRoot, runTs, UNPRIVILEGED } from '../../helpers/child-process';

/** Runs the command line (or the web host) from source; answers its exit code and what it printed. */
async function run(script: 'cli' | 'serve', args: string[], options: { lang?: string; unprivileged?: boolean } = {}) {
  const child = runTs(`src/main/${script}.ts`, args, { LANG: options.lang ?? 'en_US.UTF-8', LC_ALL: options.lang ?? 'en_US.UTF-8' }, options);
  const { code } = await child.exited;
  return { code, stdout: child.lines.join('\n'), stderr: child.stderr() };
}

/** One plain sentence (or two), never a stack trace. */
function expectPlain(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

const readOnlyCommands = (db: string, dir: string) => [
  ['verify-audit', '--db', db],
  ['info', '--db', db],
  ['export', '--db', db, '--report', 'register', '--format', 'json', '--out', join(dir, 'out.json')],
  ['backup', '--db', db, '--out', join(dir, 'backup.sqlite')],
];

describe('the read-only commands on a path that holds no register', () => {
  it('exit 1 with a plain message, and create nothing: not the file, not a folder, not a register in an empty file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cli-none-'));
    const missing = join(dir, 'typo', 'register.sqlite');
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const runs = await Promise.all([
      ...readOnlyCommands(missing, dir).map((args) => run('cli', args)),
      // An empty file takes the same path as a missing one: two commands suffice.
      ...readOnlyCommands(empty, dir).slice(1, 3).map((args) => run('cli', args)),
    ]);
    for (const [i, result] of runs.entries()) {
      expect(result.code, result.stderr).toBe(1);
      expectPlain(result.stderr);
      expect(result.stderr).toContain(`There is no register at ${i < 4 ? missing : empty}: the file ${i < 4 ? 'does not exist' : 'is empty'}.`);
      expect(result.stdout).not.toContain('intact');
    }
    expect(readdirSync(dir)).toEqual(['empty.sqlite']);
    expect(statSync(empty).size).toBe(0);
  }, 120_000);

  it('says so in Chinese under a Chinese locale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cli-zh-'));
    const missing = join(dir, 'register.sqlite');
    const result = await run('cli', ['verify-audit', '--db', missing], { lang: 'zh_CN.UTF-8' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`${missing} 处没有登记册：该文件不存在。请检查路径（--db 或 PRIVACY_WORKBENCH_DB）。`);
  }, 120_000);
});

describe('a register that another process is writing to, or that cannot be written', () => {
  it('is refused at open by the command line and the web host, with the cause in one sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-cli-locked-'));
    const db = join(dir, 'register.sqlite');
    await (await openDatabase({ path: db })).close();
    const other = new BetterSqlite3(db);
    other.prepare('begin immediate').run();
    try {
      const [cli, web] = await Promise.all([run('cli', ['info', '--db', db]), run('serve', ['--db', db])]);
      for (const result of [cli, web]) {
        expect(result.code, result.stderr).toBe(1);
        expectPlain(result.stderr);
        expect(result.stderr).toContain(`${db} is locked by another program, which is writing to it.`);
        expect(result.stdout).not.toContain('READY');
      }
    } finally {
      other.prepare('rollback').run();
      other.close();
    }
  }, 120_000);

  it('refuses a read-only file and a register in a read-only folder at open, and changes neither', async () => {
    // Root may write whatever the modes say: then the command runs as an unprivileged user, for whom they hold.
    const base = mkdtempSync(join(tmpdir(), 'pw-cli-ro-'));
    chmodSync(base, 0o755);
    const fileDir = join(base, 'file');
    const folderDir = join(base, 'folder');
    mkdirSync(fileDir);
    mkdirSync(folderDir);
    const readOnlyFile = join(fileDir, 'register.sqlite');
    const inReadOnlyFolder = join(folderDir, 'register.sqlite');
    for (const path of [readOnlyFile, inReadOnlyFolder]) await (await openDatabase({ path })).close();
    chmodSync(readOnlyFile, 0o444);
    chmodSync(folderDir, 0o555);
    if (runningAsRoot) {
      chownSync(fileDir, UNPRIVILEGED, UNPRIVILEGED); // the folder is writable, the file is not
      chownSync(inReadOnlyFolder, UNPRIVILEGED, UNPRIVILEGED); // the file is writable, the folder is not
    } else {
      chmodSync(fileDir, 0o755);
    }
    const before = [statSync(readOnlyFile).mtimeMs, statSync(inReadOnlyFolder).mtimeMs];
    const runs = await Promise.all([
      run('cli', ['info', '--db', readOnlyFile], { unprivileged: true }),
      run('cli', ['verify-audit', '--db', inReadOnlyFolder], { unprivileged: true }),
      run('serve', ['--db', readOnlyFile], { unprivileged: true }),
    ]);
    for (const [i, result] of runs.entries()) {
      expect(result.code, result.stderr).toBe(1);
      expectPlain(result.stderr);
      expect(result.stderr).toContain(`${i === 1 ? inReadOnlyFolder : readOnlyFile} cannot be written: the file or its folder is read-only`);
    }
    expect([statSync(readOnlyFile).mtimeMs, statSync(inReadOnlyFolder).mtimeMs]).toEqual(before);
    chmodSync(folderDir, 0o755);
  }, 120_000);
});

describe('the address of a server other than PostgreSQL where a register is expected', () => {
  it('is refused in one sentence that hides the password, and no folder named after it appears', async () => {
    const url = 'mysql://officer:s3cret@127.0.0.1:3306/privacy';
    const runs = await Promise.all([run('cli', ['info', '--db', url]), run('cli', ['export', '--db', url, '--report', 'register', '--format', 'json', '--out', join(mkdtempSync(join(tmpdir(), 'pw-url-')), 'r.json')]), run('serve', ['--db', url])]);
    for (const result of runs) {
      expect(result.code).toBe(1);
      expectPlain(result.stderr);
      expect(result.stderr).toContain('mysql://officer:…@127.0.0.1:3306/privacy is the address of a server this app cannot open');
      expect(result.stderr).not.toContain('s3cret');
    }
    expect(readdirSync(process.cwd()).filter((name) => name.startsWith('mysql'))).toEqual([]);
  });
});
