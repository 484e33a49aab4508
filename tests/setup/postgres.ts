/**
 * A throwaway PostgreSQL 15 server for the tests on PostgreSQL: initdb in a temporary directory (as
 * the `postgres` user when running as root, which initdb refuses), started on a free loopback port,
 * one migrated template database, stopped and removed at the end. `PRIVACY_WORKBENCH_TEST_PG_URL`
 * names a server to use instead (a database the tests may create databases on).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const TEMPLATE_DB = 'pw_template';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql');
  return join(root, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestServer {
  /** A URL without a database name at its end: `${base}/name`. */
  base: string;
  stop(): Promise<void>;
}

/** Starts a fresh server (or takes the one given), answering when it accepts connections. */
export async function startTestServer(): Promise<TestServer> {
  const given = process.env.PRIVACY_WORKBENCH_TEST_PG_URL;
  if (given) {
    const url = new URL(given);
    url.pathname = '';
    return { base: url.toString().replace(/\/$/, ''), stop: async () => {} };
  }
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'pw-pg-'));
  const root = userInfo().uid === 0;
  const asOwner = (command: string, args: string[]) => (root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]) as [string, string[]];
  if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const data = join(dir, 'data');
  execFileSync(...asOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']), { stdio: 'ignore' });
  const port = await freePort();
  const [command, args] = asOwner(join(bin, 'postgres'), [
    '-D', data, '-k', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
  ]);
  const server: ChildProcess = spawn(command, args, { stdio: 'ignore' });
  const base = `postgres://postgres@127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      if (i > 100 || server.exitCode !== null) throw new Error(`PostgreSQL did not start: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    base,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        // pg_ctl, as the server's owner: a signal to runuser would not reach the server.
        execFileSync(...asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']), { stdio: 'ignore' });
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs statements on the server's `postgres` database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function onServer(base: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}
