import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../src/shared/contract/channels';
import { invalidateAfterWrite, QUERY_EFFECTS, type QueryEffect, type WriteChannel } from '../../../src/renderer/src/api/invalidation';

const effects = QUERY_EFFECTS as Record<Channel, QueryEffect>;
const RENDERER = resolve(__dirname, '../../../src/renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}
const code = sources(RENDERER).join('\n');
const used = (pattern: RegExp) => [...new Set([...code.matchAll(pattern)].map((m) => m[1] as Channel))];

describe('what each write refreshes', () => {
  it('classifies every channel of the contract, and nothing else', () => {
    expect(Object.keys(QUERY_EFFECTS).sort()).toEqual([...CHANNELS].sort());
  });

  it('maps every channel the renderer writes through, and names only reads as what a write touches', () => {
    const writes = used(/(?:useWrite|invalidateAfterWrite)\([^'"()\n]*'([a-zA-Z]+:[a-zA-Z]+)'/g);
    expect(writes.length).toBeGreaterThan(30);
    for (const channel of writes) expect(effects[channel], channel).not.toBe('read');
    for (const channel of used(/useCall\('([a-zA-Z]+:[a-zA-Z]+)'/g)) expect(effects[channel], channel).toBe('read');
    for (const [channel, effect] of Object.entries(effects)) {
      if (typeof effect === 'string') continue;
      expect(effect.length, channel).toBeGreaterThan(0);
      // Every write is audited: the record's history on screen is refreshed too.
      expect(effect, channel).toContain('audit:forEntity');
      for (const touched of effect) expect(effects[touched], `${channel} → ${touched}`).toBe('read');
    }
  });

  async function staleAfter(write: WriteChannel): Promise<Set<string>> {
    const client = new QueryClient();
    const reads = CHANNELS.filter((c) => effects[c] === 'read');
    for (const read of reads) {
      client.setQueryData([read, {}], 1);
      client.setQueryData([read, { id: 7, page: 2 }], 2);
    }
    await invalidateAfterWrite(client, write);
    const stale = new Set<string>();
    for (const query of client.getQueryCache().getAll()) if (query.state.isInvalidated) stale.add(query.queryKey[0] as string);
    // Both cached inputs of a touched channel are refreshed, not only one.
    for (const channel of stale) expect(client.getQueryCache().findAll({ queryKey: [channel] }).every((q) => q.state.isInvalidated)).toBe(true);
    return stale;
  }

  it('a request’s step refreshes the requests desk, its gaps and history, and leaves the register’s pages cached', async () => {
    const stale = await staleAfter('requests:act');
    for (const c of ['requests:list', 'requests:get', 'requests:events', 'requests:dashboard', 'requests:counts', 'gaps:summary', 'audit:forEntity']) expect(stale).toContain(c);
    for (const c of ['categories:list', 'partners:list', 'policy:clauses', 'settings:get', 'app:info', 'calendar:year', 'backup:status']) expect(stale).not.toContain(c);
  });

  it('logging a request refetches the lists on screen that it changes, and not the categories list beside them', async () => {
    const client = new QueryClient();
    const fetched: Record<string, number> = {};
    const shownOnScreen = ['categories:list', 'partners:list', 'requests:list', 'requests:counts', 'requests:dashboard', 'settings:get'] as const;
    const observers = shownOnScreen.map((channel) => {
      const observer = new QueryObserver(client, {
        queryKey: [channel, { page: 1 }],
        queryFn: async () => (fetched[channel] = (fetched[channel] ?? 0) + 1),
        staleTime: Infinity,
      });
      return { channel, stop: observer.subscribe(() => {}), observer };
    });
    await Promise.all(observers.map(({ observer }) => observer.refetch()));
    for (const channel of shownOnScreen) fetched[channel] = 0;

    await invalidateAfterWrite(client, 'requests:create');
    expect(fetched).toEqual({
      'categories:list': 0,
      'partners:list': 0,
      'settings:get': 0,
      'requests:list': 1,
      'requests:counts': 1,
      'requests:dashboard': 1,
    });
    for (const { stop } of observers) stop();
    client.clear();
  });

  it('an edit in the register refreshes the register and its gaps, never the requests desk’s lists', async () => {
    const stale = await staleAfter('categories:update');
    for (const c of ['categories:list', 'categories:get', 'flows:list', 'policy:clauses', 'gaps:list']) expect(stale).toContain(c);
    for (const c of ['requests:list', 'requests:dashboard', 'requests:counts', 'settings:get']) expect(stale).not.toContain(c);
  });

  it('a new holiday recomputes deadlines, so it refreshes the requests desk with the calendar', async () => {
    const stale = await staleAfter('calendar:set');
    for (const c of ['calendar:year', 'requests:list', 'requests:counts']) expect(stale).toContain(c);
    expect(stale).not.toContain('partners:list');
  });

  it('settings and an import refresh everything', async () => {
    const reads = CHANNELS.filter((c) => effects[c] === 'read');
    expect([...(await staleAfter('settings:update'))].sort()).toEqual([...reads].sort());
    expect([...(await staleAfter('transfer:import'))].sort()).toEqual([...reads].sort());
  });
});
