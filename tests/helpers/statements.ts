import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

export interface Recorded {
  sql: string;
  params: unknown[];
}

/** A window in which statements are kept: what is pushed while `during` runs, and nothing outside it. */
export function recordingWindow() {
  let log: Recorded[] | null = null;
  return {
    push(r: Recorded): void {
      log?.push(r);
    },
    async during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Recorded[] }> {
      log = [];
      try {
        const result = await fn();
        return { result, statements: log };
      } finally {
        log = null;
      }
    },
  };
}

/** Each statement text prepared once through `prepare`, then reused: what "raw" SQL runs through. */
export function preparedOnce(prepare: (text: string) => BetterSqlite3.Statement): (text: string) => BetterSqlite3.Statement {
  const cached = new Map<string, BetterSqlite3.Statement>();
  return (text) => {
    let statement = cached.get(text);
    if (!statement) cached.set(text, (statement = prepare(text)));
    return statement;
  };
}

/**
 * Records the statements a connection runs (their text and bound values) while `during` runs: the
 * queries a service call really makes, whatever builds them. Installed on a fresh connection, before
 * the statement cache has prepared the statements of interest.
 */
export function statementRecorder(sqlite: BetterSqlite3.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  const window = recordingWindow();
  const once = preparedOnce(prepare);
  (sqlite as { prepare: (text: string) => BetterSqlite3.Statement }).prepare = (text: string) => {
    const statement = prepare(text);
    for (const method of ['all', 'get', 'iterate', 'run'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        window.push({ sql: text, params: args });
        return original(...args);
      };
    }
    return statement;
  };
  return {
    during: window.during,
    /** SQLite's plan for a recorded statement, its lines joined by " / ". */
    plan(r: Recorded): string {
      return (prepare(`explain query plan ${r.sql}`).all(...(r.params as [])) as { detail: string }[]).map((p) => p.detail).join(' / ');
    },
    /** The recorded statement run straight on the connection, prepared once (no service, no query builder). */
    raw(r: Recorded): unknown {
      const statement = once(r.sql);
      return statement.reader ? statement.all(...(r.params as [])) : statement.run(...(r.params as []));
    },
  };
}

/** The statement a call of pg.Client's query sends: a text and its values, or a named statement's config; null for a cursor. */
export function sentStatement(args: unknown[]): Recorded | null {
  if (typeof args[0] === 'string') return { sql: args[0], params: (args[1] as unknown[]) ?? [] };
  const config = args[0] as { text?: unknown; values?: unknown[] } | null;
  return config && typeof config.text === 'string' ? { sql: config.text, params: config.values ?? [] } : null;
}

/** The statements sent to a PostgreSQL server while `fn` runs: the pool's clients all share pg.Client's query. */
export async function serverStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Recorded[] }> {
  const statements: Recorded[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const sent = sentStatement(args);
    if (sent) statements.push(sent);
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    proto.query = original;
  }
}
