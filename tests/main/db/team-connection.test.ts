/**
 * Connecting to a team register: each way a server can fail is its own problem and sentence, in both
 * languages; a database that fails a check is left exactly as it was (no migration started); a
 * server lost while working answers UNAVAILABLE and the next call after it is back works.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/connection';
import { DatabaseOpenError, plainMessage } from '../../../src/main/core/errors';
import { testConnection } from '../../../src/main/core/connection/connection.service';
import { openWorkbench } from '../../../src/main/core/workbench';
import { RegisterHost } from '../../../src/main/register-host';
import { onServer } from '../../setup/postgres';
import { startRelay } from '../../setup/tcp-relay';
import { freshPostgresRegister, onPostgres } from '../../helpers/engine';
import { fileKeyProvider } from '../../../src/main/core/audit/audit-key';

async function problemOf(path: string): Promise<DatabaseOpenError> {
  const error = await openDatabase({ path }).then(
    async (open) => {
      await open.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseOpenError);
  return error as DatabaseOpenError;
}

async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('a database that is not a register (SQLite file)', () => {
  it('is refused, naming its tables, and no register table is added', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pw-foreign-')), 'other.sqlite');
    const other = new BetterSqlite3(file);
    other.exec('create table invoices (id integer primary key, total real)');
    other.close();
    const error = await problemOf(file);
    expect(error.problem).toBe('not_register');
    expect(plainMessage(error, 'en')).toContain('invoices');
    expect(plainMessage(error, 'zh-CN')).toContain('不是隐私合规工作台的登记册');
    const after = new BetterSqlite3(file, { readonly: true });
    const names = after.prepare(`select name from sqlite_master where type = 'table' order by 1`).pluck().all();
    after.close();
    expect(names).toEqual(['invoices']);
  });
});

describe.skipIf(!onPostgres)('a team register on a server', () => {
  const base = onPostgres ? inject('pgBase') : '';
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await onServer(base, `drop database if exists ${name} with (force)`);
  });
  const emptyDatabase = async (name: string) => {
    await onServer(base, `drop database if exists ${name} with (force)`, `create database ${name}`);
    created.push(name);
    return `${base}/${name}`;
  };

  it('a port nothing listens on: the server does not answer, in both languages, naming what to do', async () => {
    const error = await problemOf('postgres://workbench:secret@127.0.0.1:1/register');
    expect(error.problem).toBe('server_unreachable');
    expect(plainMessage(error, 'en')).toContain('The server 127.0.0.1:1 does not answer');
    expect(plainMessage(error, 'en')).toContain('try again');
    expect(plainMessage(error, 'zh-CN')).toContain('服务器 127.0.0.1:1 没有响应');
    // The password never appears in what the user is shown.
    expect(plainMessage(error, 'en')).not.toContain('secret');
  });

  it('a database the server does not have', async () => {
    const error = await problemOf(`${base}/no_such_register_db`);
    expect(error.problem).toBe('server_no_database');
    expect(plainMessage(error, 'en')).toContain('no database called no_such_register_db');
  });

  it('TLS asked of a server that offers none', async () => {
    const url = await emptyDatabase('pw_conn_tls');
    const error = await problemOf(`${url}?sslmode=require&uselibpqcompat=true`);
    expect(error.problem).toBe('server_tls');
    expect(plainMessage(error, 'zh-CN')).toContain('加密连接失败');
    expect(await tablesOf(url)).toEqual([]);
  });

  it('a database of another program is refused before any migration, and keeps only its own tables', async () => {
    const url = await emptyDatabase('pw_conn_foreign');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table invoices (id serial primary key, total numeric)');
    await client.end();
    const error = await problemOf(url);
    expect(error.problem).toBe('not_register');
    expect(plainMessage(error, 'en')).toContain('invoices');
    expect(await tablesOf(url)).toEqual(['invoices']);
    // "Test connection" says the same, without touching it either.
    const check = await testConnection({ form: 'url', url }, 'zh-CN');
    expect(check).toMatchObject({ ok: false, problem: 'not_register' });
    expect(check.message).toContain('invoices');
  });

  it('a register of a newer version is refused with the migrations it does not know, and left as it was', async () => {
    const register = await freshPostgresRegister();
    try {
      const client = new pg.Client({ connectionString: register.url });
      await client.connect();
      await client.query(`insert into kysely_migration (name, timestamp) values ('2099_01_01_0000_from_the_future', now()::text)`);
      const before = await tablesOf(register.url);
      await client.end();
      const error = await problemOf(register.url);
      expect(error.problem).toBe('newer_schema');
      expect(plainMessage(error, 'en')).toContain('2099_01_01_0000_from_the_future');
      expect(plainMessage(error, 'zh-CN')).toContain('请升级应用');
      expect(await tablesOf(register.url)).toEqual(before);
    } finally {
      await register.drop();
    }
  });

  it('an empty database is a new register; a register is not', async () => {
    const url = await emptyDatabase('pw_conn_new');
    expect(await testConnection({ form: 'url', url }, 'en')).toMatchObject({ ok: true, newRegister: true, problem: null });
    expect(await tablesOf(url)).toEqual([]);
    const register = await freshPostgresRegister();
    try {
      expect(await testConnection({ form: 'url', url: register.url }, 'en')).toMatchObject({ ok: true, newRegister: false });
    } finally {
      await register.drop();
    }
  });

  it('a server lost while working: the call answers UNAVAILABLE, the screen says so, and it works again once the server is back', async () => {
    const register = await freshPostgresRegister();
    const target = new URL(register.url);
    // A relay between the workbench and the server, which the test cuts and restores.
    const relay = await startRelay({ host: target.hostname, port: Number(target.port) });
    const relayed = new URL(register.url);
    relayed.port = String(relay.port);
    const host = new RegisterHost({
      open: (location) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'pw-lost-'));
        return openWorkbench({ dbPath: location, host: 'web', systemLanguage: 'en', auditKey: fileKeyProvider(join(dataDir, 'audit-key')), dataDir });
      },
      host: 'web',
      localLocation: ':memory:',
      systemLanguage: 'en',
    });
    try {
      expect(await host.open(relayed.toString())).toBe(true);
      const before = await host.router.invoke('app:info', {});
      expect(before.ok).toBe(true);
      await relay.cut();
      const lost = await host.router.invoke('app:info', {});
      expect(lost).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(lost.ok ? '' : lost.error.message).toContain('The connection to the register');
      await relay.restore();
      const back = await host.router.invoke('app:info', {});
      expect(back.ok).toBe(true);
    } finally {
      await host.close();
      await relay.close();
      await register.drop();
    }
  });

  it('the welcome screen of a new team register creates its first officer, signed in, in the set-up transaction', async () => {
    const register = await freshPostgresRegister();
    const dataDir = mkdtempSync(join(tmpdir(), 'pw-first-'));
    const wb = await openWorkbench({ dbPath: register.url, host: 'web', systemLanguage: 'zh-CN', auditKey: fileKeyProvider(join(dataDir, 'audit-key')), dataDir });
    try {
      const info = await wb.router.invoke('app:info', {});
      expect(info).toMatchObject({ ok: true, value: { needsSetup: true, team: true, firstOfficerNeeded: true } });
      const base = { template: 'empty', organisationName: '码尚云', language: 'zh-CN' };
      // Without an officer nobody could ever sign in: refused beside the field, nothing set up.
      const without = await wb.router.invoke('app:setup', base);
      expect(without).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { 'firstOfficer.signInName': expect.stringContaining('负责人') } } });
      expect((await wb.router.invoke('app:info', {})) as { value: { needsSetup: boolean } }).toMatchObject({ value: { needsSetup: true } });
      const done = await wb.router.invoke('app:setup', { ...base, firstOfficer: { signInName: 'wang.fang', displayName: '王芳', password: 'officer-password-1' } });
      expect(done.ok).toBe(true);
      const session = await wb.router.invoke('session:current', {});
      expect(session).toMatchObject({ ok: true, value: { person: { signInName: 'wang.fang', role: 'officer' } } });
      expect(await wb.router.invoke('app:info', {})).toMatchObject({ value: { needsSetup: false, firstOfficerNeeded: false } });
      // Another browser, not signed in, cannot set it up again, nor call anything but signing in.
      const stranger = { personId: null, signedIn: false };
      expect(await wb.router.invoke('categories:list', {}, stranger)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await wb.router.invoke('session:signIn', { signInName: 'wang.fang', password: 'officer-password-1' }, stranger)).toMatchObject({ ok: true });
    } finally {
      await wb.close();
      await register.drop();
    }
  });
});
