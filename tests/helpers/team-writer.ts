/**
 * One of several workbenches writing one register at once (tests/main/db/concurrent-writers.test.ts).
 * Run with tsx: `team-writer.ts <db> <dataDir> <tag> <count> <categoryId>`. On a server it signs in
 * as `officer-<tag>` (in lower case) (password from PRIVACY_WORKBENCH_PASSWORD). It prints `started`, waits until
 * GO_FILE exists, then `count` times logs a request and edits the shared category at the revision
 * it has just read: a save that another writer overtook is answered CONFLICT and counted. Its last
 * line is a JSON summary: the references it was given, its edits saved and refused, and anything else
 * that failed.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openWorkbench } from '../../src/main/core/workbench';
import { isPostgresUrl } from '../../src/main/core/paths';
import type { Result } from '../../src/shared/contract/result';
import type { Category } from '../../src/shared/domain/categories';
import type { Request } from '../../src/shared/domain/requests';
import { requestFixture } from './fixtures';

export interface WriterSummary {
  references: string[];
  saved: string[];
  conflicts: number;
  failed: string[];
}

async function main() {
  const [dbPath, dataDir, tag, countText, categoryText] = process.argv.slice(2);
  if (!dbPath || !dataDir || !tag || !countText || !categoryText) throw new Error('usage: team-writer.ts <db> <dataDir> <tag> <count> <categoryId>');
  const wb = await openWorkbench({ dbPath, dataDir, host: 'cli', systemLanguage: 'en', actor: `writer-${tag}`, log: () => {} });
  const summary: WriterSummary = { references: [], saved: [], conflicts: 0, failed: [] };
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (isPostgresUrl(dbPath)) {
      const signedIn = await wb.router.invoke('session:signIn', { signInName: `officer-${tag.toLowerCase()}`, password: process.env.PRIVACY_WORKBENCH_PASSWORD ?? '' });
      if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.message}`);
    }
    say('started');
    while (process.env.GO_FILE && !existsSync(process.env.GO_FILE)) await sleep(5);
    for (let i = 0; i < Number(countText); i += 1) {
      const request = (await wb.router.invoke('requests:create', requestFixture({ requesterName: `${tag}-${i}`, accountRef: `${tag}-${i}` }))) as Result<Request>;
      if (request.ok) summary.references.push(request.value.reference);
      else summary.failed.push(`requests:create ${request.error.code} ${request.error.message}`);
      const read = (await wb.router.invoke('categories:get', { id: Number(categoryText) })) as Result<Category>;
      if (!read.ok) {
        summary.failed.push(`categories:get ${read.error.code} ${read.error.message}`);
        continue;
      }
      const { status: _status, createdAt: _created, updatedAt: _updated, ...values } = read.value;
      const notes = `${tag} edit ${i}`;
      const edited = (await wb.router.invoke('categories:update', { ...values, notes })) as Result<Category>;
      if (edited.ok) summary.saved.push(notes);
      // The revision's refusal, not a register too busy to answer (also CONFLICT, another message).
      else if (edited.error.code === 'CONFLICT' && edited.error.message.includes('changed elsewhere')) summary.conflicts += 1;
      else summary.failed.push(`categories:update ${edited.error.code} ${edited.error.message}`);
    }
  } catch (error) {
    summary.failed.push(`${(error as Error).name}: ${(error as Error).message}`);
  } finally {
    await wb.close();
  }
  say(JSON.stringify(summary));
}

void main();
