import { useEffect } from 'react';
import { keepPreviousData, type QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, InputOf, OutputOf } from '@shared/contract';
import type { Page } from '@shared/domain/paging';
import { call } from './client';
import { invalidateAfterWrite, type WriteChannel } from './invalidation';

/** A read of a channel as the query cache holds it: keyed by channel and input. */
export function callQuery<C extends Channel>(channel: C, input: InputOf<C>) {
  return { queryKey: [channel, input] as const, queryFn: () => call(channel, input) };
}

/** A read that a screen makes, named ahead of time so that it can be started before the screen renders. */
export type Read = { [C in Channel]: { channel: C; input: InputOf<C> } }[Channel];

/** Starts reads before what shows them has rendered (answers already cached and fresh are kept). */
export function prefetchReads(client: QueryClient, reads: readonly Read[]): void {
  for (const r of reads) void client.prefetchQuery(callQuery(r.channel, r.input as InputOf<typeof r.channel>));
}

/** The input of the page after `data`, when `input` asks for a page of a list and there is one. */
export function nextPageInput<I>(input: I, data: unknown): I | null {
  const asked = input as { page?: unknown; pageSize?: unknown } | null;
  const page = data as Partial<Page<unknown>> | undefined;
  if (typeof asked?.page !== 'number' || typeof page?.total !== 'number' || typeof page.pageSize !== 'number' || typeof page.page !== 'number') return null;
  return page.page * page.pageSize < page.total ? { ...input, page: page.page + 1 } : null;
}

/**
 * Reads a channel; cached by channel and input, and kept on screen while the next page loads. A
 * page of a list fetches the page after it once it is shown, so that "Next page" finds it ready.
 */
export function useCall<C extends Channel>(channel: C, input: InputOf<C>, options: { enabled?: boolean } = {}) {
  const client = useQueryClient();
  const query = useQuery({
    ...callQuery(channel, input),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
  const next = query.isPlaceholderData ? null : nextPageInput(input, query.data);
  const nextKey = next ? JSON.stringify(next) : null;
  useEffect(() => {
    if (!nextKey) return;
    const nextInput = JSON.parse(nextKey) as InputOf<C>;
    void client.prefetchQuery(callQuery(channel, nextInput));
  }, [client, channel, nextKey]);
  return query;
}

/**
 * Writes through a channel; a successful write refreshes the cached reads it touches (see
 * invalidation.ts), and only those.
 */
export function useWrite<C extends WriteChannel>(channel: C) {
  const client = useQueryClient();
  return useMutation<OutputOf<C>, Error, InputOf<C>>({
    mutationFn: (input) => call(channel, input),
    // Not awaited: the caller's own onSuccess (often a navigation away from a record it just
    // deleted) must run first, or a refetch of that record would unmount the caller mid-way.
    onSuccess: () => {
      void invalidateAfterWrite(client, channel);
    },
  });
}

/** The channels that answer a record's history page by page. */
type PagedChannel = 'requests:events' | 'audit:forEntity';
type ItemOf<C extends PagedChannel> = OutputOf<C> extends Page<infer T> ? T : never;

/**
 * A long history read page by page as it is scrolled (see VirtualTimeline): the items so far, the
 * total, and `loadMore`. Cached under the channel's name like any read, so writes refresh it.
 */
export function usePagedCall<C extends PagedChannel>(channel: C, input: Omit<InputOf<C>, 'page' | 'pageSize'>, pageSize = 100) {
  const query = useInfiniteQuery({
    queryKey: [channel, input, 'pages'],
    queryFn: ({ pageParam }) => call(channel, { ...input, page: pageParam, pageSize } as InputOf<C>) as Promise<Page<ItemOf<C>>>,
    initialPageParam: 1,
    getNextPageParam: (last: Page<ItemOf<C>>) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return {
    items,
    total: query.data?.pages[0]?.total ?? 0,
    isPending: query.isPending,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
  };
}
