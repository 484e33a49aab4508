/**
 * Another process on the same register, for the two-writer and kill -9 tests (and `npm run stress`).
 * Run with tsx: `register-writer.ts <db> writes <tag> <count>` logs <count> requests and, after
 * each, edits the category coded <tag> (created first); `register-writer.ts <db> import <file>`
 * imports a file (printing `progress <rows>` every 100 rows read). It prints `started`, then one
 * `committed …` line per acknowledged write (an import's once, with its row count), then a
 * JSON summary (`{"failed": [...]}`) on its last line. With GO_FILE set, it waits after `started`
 * until that file exists, so that two writers start writing at the same moment; `began <ms>` and
 * `ended <ms>` (epoch milliseconds) frame its writes.
 */
import { basename } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openWorkbench } from '../../src/main/core/workbench';
import { commitImport } from '../../src/main/core/transfer/sheet-import';
import { IMPORT_SPECS } from '../../src/main/core/transfer/import-specs';
import type { Result } from '../../src/shared/contract/result';
import type { Category } from '../../src/shared/domain/categories';
import type { Request } from '../../src/shared/domain/requests';
import { categoryFixture, requestFixture } from './fixtures';

async function main() {
  const [dbPath, mode, ...rest] = process.argv.slice(2);
  if (!dbPath || !mode) throw new Error('usage: register-writer.ts <db> writes <tag> <count> | import <file>');
  const wb = await openWorkbench({ dbPath, host: 'cli', systemLanguage: 'en', actor: `writer-${process.pid}`, log: () => {} });
  const failed: string[] = [];
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (mode === 'import') {
      const file = rest[0]!;
      say('started');
      const outcome = await commitImport(wb.ctx, basename(file), readFileSync(file), IMPORT_SPECS, {
        onProgress: (rows) => rows % 100 === 0 && say(`progress ${rows}`),
      });
      say(`committed ${Object.values(outcome.inserted).reduce((a, b) => a + b, 0)}`);
    } else {
      const tag = rest[0] ?? 'W';
      const count = Number(rest[1] ?? 60);
      const created = (await wb.router.invoke('categories:create', categoryFixture({ code: `TWO-${tag}`, name: `并发写入 ${tag}` }))) as Result<Category>;
      if (!created.ok) throw new Error(created.error.message);
      let category = created.value;
      say('started');
      while (process.env.GO_FILE && !existsSync(process.env.GO_FILE)) await sleep(10);
      say(`began ${Date.now()}`);
      for (let i = 0; i < count; i += 1) {
        const request = (await wb.router.invoke('requests:create', requestFixture({ requesterName: `${tag}-${i}`, accountRef: `${tag}-${i}` }))) as Result<Request>;
        if (request.ok) say(`committed request ${request.value.reference}`);
        else failed.push(`requests:create ${request.error.code} ${request.error.message}`);
        const { status: _status, createdAt: _created, updatedAt: _updated, ...values } = category;
        const edited = (await wb.router.invoke('categories:update', { ...values, notes: `${tag} edit ${i}` })) as Result<Category>;
        if (edited.ok) {
          category = edited.value;
          say(`committed edit ${i}`);
        } else failed.push(`categories:update ${edited.error.code} ${edited.error.message}`);
      }
      say(`ended ${Date.now()}`);
    }
  } catch (error) {
    failed.push(`${(error as Error).name}: ${(error as Error).message}`);
  } finally {
    await wb.close();
  }
  say(JSON.stringify({ failed }));
}

void main();
