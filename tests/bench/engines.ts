/**
 * The two engines of the benchmarks: a register file on SQLite, and a database on a PostgreSQL
 * server — a throwaway one started the way the tests start theirs (tests/setup/postgres.ts) and
 * stopped at the end, or the server named by `PRIVACY_WORKBENCH_BENCH_PG_URL` (a role that may
 * create databases). For each, the same register opened as a workbench, and the raw connection the
 * "raw" figures run on: prepared statements on the same file, named (server-prepared) statements
 * on the same server.
 *
 *   --engine sqlite | postgres | both   (both by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type BetterSqlite3 from 'better-sqlite3';
import { fixedClock } from '../../src/main/core/clock';
import { openWorkbench, type Workbench } from '../../src/main/core/workbench';
import { createPerson } from '../../src/main/core/people/people.service';
import { onServer, startTestServer, type TestServer } from '../setup/postgres';
import { preparedOnce, recordingWindow, sentStatement, statementRecorder, type Recorded } from '../helpers/statements';

export type BenchEngine = 'sqlite' | 'postgres';
export const ENGINE_LABEL: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export function enginesOf(argv: readonly string[]): BenchEngine[] {
  const at = argv.indexOf('--engine');
  const given = at >= 0 ? argv[at + 1] : 'both';
  if (given === 'sqlite' || given === 'postgres') return [given];
  if (given === 'both') return ['sqlite', 'postgres'];
  throw new Error(`--engine ${given}: sqlite, postgres or both`);
}

/** A bench script's run: `measure` on each engine asked for (`--engine`), the throwaway server stopped at the end, failing or not. */
export function runOnEngines(measure: (engine: BenchEngine) => Promise<void>): void {
  (async () => {
    for (const engine of enginesOf(process.argv.slice(2))) await measure(engine);
  })()
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => stopBenchServer());
}

/** Hand-written SQL with `?` placeholders, straight on the register's own connection. */
export interface RawSql {
  all(text: string, params?: readonly unknown[]): Promise<unknown[]>;
  /** Statements without parameters, separated by semicolons, in one call (on PostgreSQL one round trip). */
  script(text: string): Promise<void>;
}

/** The statements a call really runs, and each run again raw (tests/helpers/statements.ts on SQLite). */
export interface BenchRecorder {
  during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Recorded[] }>;
  raw(r: Recorded): Promise<unknown>;
}

export interface BenchRegister {
  engine: BenchEngine;
  wb: Workbench;
  raw: RawSql;
  recorder: BenchRecorder;
  /** Closes the workbench and opens the same register again (a start), answering the new one. */
  reopen(): Promise<Workbench>;
  /** Closes everything and removes the register. */
  dispose(): Promise<void>;
}

let server: TestServer | undefined;
let serverStarting: Promise<TestServer> | undefined;
let registers = 0;

async function pgBase(): Promise<string> {
  const given = process.env.PRIVACY_WORKBENCH_BENCH_PG_URL;
  if (given) {
    const url = new URL(given);
    url.pathname = '';
    return url.toString().replace(/\/$/, '');
  }
  serverStarting ??= startTestServer().then((s) => (server = s));
  return (await serverStarting).base;
}

/** Stops the throwaway server, if one was started (its stop is synchronous: safe on exit). */
export async function stopBenchServer(): Promise<void> {
  const s = server;
  server = undefined;
  await s?.stop();
}

const PASSWORD = 'bench officer password';

/** `?` placeholders numbered for PostgreSQL. */
const numbered = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
};

/** Statements run on `client` as named (server-prepared) statements, each text named once. */
function namedStatements(client: pg.Client, prefix: string): (text: string, values: readonly unknown[]) => Promise<unknown[]> {
  const names = new Map<string, string>();
  return async (text, values) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `${prefix}_${names.size}`));
    return (await client.query({ name, text, values: [...values] })).rows;
  };
}

/** Records what a pg client runs while `during` runs: the query builder's statements with their values. */
function postgresRecorder(client: pg.Client): BenchRecorder {
  const window = recordingWindow();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const sent = this === client ? null : sentStatement(args);
    if (sent) window.push(sent);
    return original.apply(this, args);
  };
  const run = namedStatements(client, 'raw');
  return { during: window.during, raw: (r) => run(r.sql, r.params) };
}

function sqliteRaw(sqlite: BetterSqlite3.Database): RawSql {
  const once = preparedOnce((text) => sqlite.prepare(text));
  return {
    all: async (text, params = []) => once(text).all(...params),
    async script(text) {
      sqlite.exec(text);
    },
  };
}

function postgresRaw(client: pg.Client): RawSql {
  const run = namedStatements(client, 'bench');
  return {
    all: (text, params = []) => run(numbered(text), params),
    async script(text) {
      await client.query(text);
    },
  };
}

function sqliteRecorder(sqlite: BetterSqlite3.Database): BenchRecorder {
  const recorder = statementRecorder(sqlite);
  return { during: (fn) => recorder.during(fn), raw: async (r) => recorder.raw(r) };
}

/** A new, empty register on `engine`, opened with a frozen clock at `now`; on a server, with its officer signed in. */
export async function openBenchRegister(engine: BenchEngine, now: string): Promise<BenchRegister> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-'));
  let dbPath = join(dir, 'bench.sqlite');
  let drop = async () => {};
  if (engine === 'postgres') {
    const base = await pgBase();
    const name = `pw_bench_${process.pid}_${(registers += 1)}`;
    await onServer(base, `drop database if exists ${name}`, `create database ${name}`);
    dbPath = `${base}/${name}`;
    drop = () => onServer(base, `drop database if exists ${name} with (force)`);
  }
  const open = async (first: boolean) => {
    const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', clock: fixedClock(now), actor: 'bench', dataDir: join(dir, 'data'), log: () => {} });
    if (engine === 'postgres') {
      if (first) await createPerson(wb.ctx, { signInName: 'bench', displayName: 'Bench', role: 'officer', seesContacts: true, password: PASSWORD });
      const signedIn = await wb.router.invoke('session:signIn', { signInName: 'bench', password: PASSWORD });
      if (!signedIn.ok) throw new Error(`the bench officer could not sign in: ${signedIn.error.message}`);
    }
    return wb;
  };
  let wb = await open(true);
  let client: pg.Client | undefined;
  const connect = async () => {
    if (engine === 'sqlite') return;
    await client?.end();
    client = new pg.Client({ connectionString: dbPath, options: '-c TimeZone=UTC' });
    await client.connect();
  };
  await connect();
  const register: BenchRegister = {
    engine,
    wb,
    raw: engine === 'sqlite' ? sqliteRaw(wb.database.sqlite!) : postgresRaw(client!),
    recorder: engine === 'sqlite' ? sqliteRecorder(wb.database.sqlite!) : postgresRecorder(client!),
    async reopen() {
      await wb.close();
      wb = await open(false);
      register.wb = wb;
      if (engine === 'sqlite') {
        // On the fresh connection, before any list statement is prepared.
        register.raw = sqliteRaw(wb.database.sqlite!);
        register.recorder = sqliteRecorder(wb.database.sqlite!);
      }
      return wb;
    },
    async dispose() {
      await wb.close();
      await client?.end();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return register;
}
