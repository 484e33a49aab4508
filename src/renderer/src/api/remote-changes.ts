import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { call } from './client';
import { invalidateAfterWrite, type WriteChannel } from './invalidation';

/** How often a window that is shown asks whether anything was written elsewhere. */
export const REMOTE_CHANGES_POLL_MS = 3_000;

/**
 * For each kind of record the audit log names, a write of that kind: a change made elsewhere
 * refreshes what that write would have refreshed here (invalidation.ts says what), no more. A kind
 * not named here (settings, a restore, an import, the set-up) refreshes everything.
 */
const WRITE_OF_ENTITY: Readonly<Record<string, WriteChannel>> = {
  category: 'categories:update',
  partner: 'partners:update',
  flow: 'flows:update',
  agreement: 'agreements:update',
  sdk: 'sdks:update',
  sdkReview: 'sdks:updateReview',
  policyVersion: 'policy:import',
  policyClause: 'policy:setPromise',
  gapDecision: 'gaps:decide',
  request: 'requests:update',
  replyTemplate: 'requests:saveLetterTemplate',
  holiday_calendar: 'calendar:set',
  importMapping: 'transfer:saveMapping',
  report: 'reports:export',
  person: 'people:update',
};

/** Refreshes the cached reads that writes of `entities` made stale; everything when they are not known. */
export async function refreshAfterRemoteChanges(client: QueryClient, entities: readonly string[] | null): Promise<void> {
  if (entities === null || entities.some((e) => !Object.hasOwn(WRITE_OF_ENTITY, e))) {
    await client.invalidateQueries();
    return;
  }
  await Promise.all([...new Set(entities.map((e) => WRITE_OF_ENTITY[e]!))].map((write) => invalidateAfterWrite(client, write)));
}

/**
 * Keeps the window's data as fresh as the register: while the window is shown, asks every few
 * seconds for the audit log's head (every write is audited, in this window or in any other
 * workbench on the same register), and when it moved, refreshes the reads of the kinds of record
 * written since. A hidden window asks nothing, and asks at once when it is shown again. A failed
 * look (signed out, the server unreachable) is simply tried again at the next turn.
 */
export function useRemoteChanges(intervalMs = REMOTE_CHANGES_POLL_MS): void {
  const client = useQueryClient();
  useEffect(() => {
    let lastId: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let looking = false;
    let stopped = false;
    const look = async () => {
      if (looking || stopped || document.visibilityState !== 'visible') return;
      looking = true;
      try {
        const changes = await call('audit:changes', lastId === null ? {} : { afterId: lastId });
        if (lastId !== null && changes.lastId !== lastId) await refreshAfterRemoteChanges(client, changes.entities);
        lastId = changes.lastId;
      } catch {
        // Nothing to show for it: the next turn looks again.
      } finally {
        looking = false;
      }
    };
    const turn = () => {
      timer = setTimeout(() => void look().finally(() => !stopped && turn()), intervalMs);
    };
    const onShown = () => void look();
    void look();
    turn();
    document.addEventListener('visibilitychange', onShown);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onShown);
    };
  }, [client, intervalMs]);
}
