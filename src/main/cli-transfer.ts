/**
 * The command line's export, import, backup and restore commands (issue 5), spread into cli.ts's table.
 */
import { resolve } from 'node:path';
import { languageFromLocale } from '@shared/i18n';
import { openWorkbench, type Workbench } from './core/workbench';
import { backupOpenDatabase, restoreClosedDatabase, RestoreError } from './core/transfer/backup';
import { defaultUserDataDir, resolveDbPath } from './core/paths';
import { parseArgs, parseClock, UsageError } from './host-args';

export interface CliCommand {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const dbPathOf = (flag: string | undefined) => resolve(resolveDbPath(flag, defaultUserDataDir()));

export async function withCliWorkbench(dbFlag: string | undefined, clockFlag: string | undefined, fn: (wb: Workbench) => Promise<number>) {
  const workbench = await openWorkbench({
    dbPath: dbPathOf(dbFlag),
    host: 'cli',
    systemLanguage: languageFromLocale(Intl.DateTimeFormat().resolvedOptions().locale),
    clock: parseClock(clockFlag),
  });
  try {
    return await fn(workbench);
  } finally {
    await workbench.close();
  }
}

/** Prints progress on stderr once an operation has taken longer than a second. */
export function progressReporter(label: string): { update(done: number, total?: number): void; end(): void } {
  const started = Date.now();
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 500) return;
      last = now;
      process.stderr.write(`${label}: ${done}${total ? ` / ${total}` : ''}\n`);
    },
    end() {
      if (Date.now() - started >= 1000) process.stderr.write(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  };
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`${flag} is required`);
  return value;
}

export const transferCommands: Record<string, CliCommand> = {
  backup: {
    summary: 'copy the register to a file with SQLite\'s online backup (safe while the app runs)',
    usage: 'backup --db PATH --out PATH',
    async run(args) {
      const { values } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' } }, strict: true });
      const out = resolve(required(values.out, '--out'));
      return withCliWorkbench(values.db, undefined, async (wb) => {
        const progress = progressReporter('backup');
        try {
          await backupOpenDatabase(wb.database.sqlite, out);
        } catch (error) {
          console.error(`Cannot write the backup to ${out}: ${(error as Error).message}`);
          return 1;
        }
        progress.end();
        console.log(`Backed up ${wb.ctx.dbPath} to ${out}`);
        return 0;
      });
    },
  },
  restore: {
    summary: 'replace the (closed) register with a backup after checking it; the replaced file is kept aside',
    usage: 'restore --db PATH --from PATH',
    async run(args) {
      const { values } = parseArgs({ args, options: { db: { type: 'string' }, from: { type: 'string' } }, strict: true });
      const from = resolve(required(values.from, '--from'));
      const dbPath = dbPathOf(values.db);
      try {
        const { keptAside } = restoreClosedDatabase(dbPath, from, { at: new Date().toISOString() });
        console.log(`Restored ${dbPath} from ${from}.`);
        if (keptAside) console.log(`The replaced register is kept at ${keptAside}.`);
        return 0;
      } catch (error) {
        if (error instanceof RestoreError) {
          console.error(`Restore refused, the register is untouched: ${error.message}`);
          return 1;
        }
        throw error;
      }
    },
  },
};
