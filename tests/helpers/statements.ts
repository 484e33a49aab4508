import type BetterSqlite3 from 'better-sqlite3';

export interface Recorded {
  sql: string;
  params: unknown[];
}

/**
 * Records the statements a connection runs (their text and bound values) while `during` runs: the
 * queries a service call really makes, whatever builds them. Installed on a fresh connection, before
 * the statement cache has prepared the statements of interest.
 */
export function statementRecorder(sqlite: BetterSqlite3.Database) {
  const prepare = sqlite.prepare.bind(sqlite);
  let log: Recorded[] | null = null;
  const cached = new Map<string, BetterSqlite3.Statement>();
  (sqlite as { prepare: (text: string) => BetterSqlite3.Statement }).prepare = (text: string) => {
    const statement = prepare(text);
    for (const method of ['all', 'get', 'iterate', 'run'] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        log?.push({ sql: text, params: args });
        return original(...args);
      };
    }
    return statement;
  };
  return {
    async during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Recorded[] }> {
      log = [];
      try {
        const result = await fn();
        return { result, statements: log };
      } finally {
        log = null;
      }
    },
    /** SQLite's plan for a recorded statement, its lines joined by " / ". */
    plan(r: Recorded): string {
      return (prepare(`explain query plan ${r.sql}`).all(...(r.params as [])) as { detail: string }[]).map((p) => p.detail).join(' / ');
    },
    /** The recorded statement run straight on the connection, prepared once (no service, no query builder). */
    raw(r: Recorded): unknown {
      let statement = cached.get(r.sql);
      if (!statement) cached.set(r.sql, (statement = prepare(r.sql)));
      return statement.reader ? statement.all(...(r.params as [])) : statement.run(...(r.params as []));
    },
  };
}
