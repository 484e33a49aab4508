import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/shared/contract/channels';
import { QUERY_EFFECTS } from '../../../src/renderer/src/api/invalidation';
import { refreshAfterRemoteChanges } from '../../../src/renderer/src/api/remote-changes';

const reads = CHANNELS.filter((c) => QUERY_EFFECTS[c] === 'read');

/** The cached reads left stale after changes of `entities` were seen, one cached answer per read channel. */
async function staleAfter(entities: string[] | null): Promise<Set<string>> {
  const client = new QueryClient();
  for (const channel of reads) client.setQueryData([channel, {}], { cached: true });
  await refreshAfterRemoteChanges(client, entities);
  return new Set(client.getQueryCache().getAll().filter((q) => q.state.isInvalidated).map((q) => String(q.queryKey[0])));
}

function coreSources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? coreSources(join(dir, e.name)) : e.name.endsWith('.ts') ? readFileSync(join(dir, e.name), 'utf8') : ''))
    .join('\n');
}

describe('what a change made elsewhere refreshes', () => {
  it('a request logged elsewhere refreshes the requests desk, not the register', async () => {
    const stale = await staleAfter(['request']);
    for (const c of ['requests:list', 'requests:get', 'requests:dashboard', 'requests:counts', 'audit:forEntity']) expect(stale, c).toContain(c);
    for (const c of ['categories:list', 'partners:list', 'settings:get']) expect(stale, c).not.toContain(c);
  });

  it('a category edited elsewhere refreshes the register, not the requests desk', async () => {
    const stale = await staleAfter(['category']);
    expect(stale).toContain('categories:list');
    expect(stale).toContain('categories:get');
    expect(stale).not.toContain('requests:list');
  });

  it('settings, an unknown kind or too many changes refresh everything', async () => {
    for (const entities of [['settings'], ['request', 'workbench'], null]) expect((await staleAfter(entities)).size).toBe(reads.length);
  });

  it('names only kinds of record the core writes into the audit log', () => {
    const core = coreSources(resolve(__dirname, '../../../src/main/core'));
    const source = readFileSync(resolve(__dirname, '../../../src/renderer/src/api/remote-changes.ts'), 'utf8');
    const named = [...source.matchAll(/^ {2}(\w+): '[a-z]+:[a-zA-Z]+',$/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    for (const entity of named) expect(core, entity).toMatch(new RegExp(`(?:ENTITY = |entity: )'${entity}'`));
  });
});
