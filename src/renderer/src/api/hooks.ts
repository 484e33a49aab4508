import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, InputOf, OutputOf } from '@shared/contract';
import type { Page } from '@shared/domain/paging';
import { call } from './client';
import { invalidateAfterWrite, type WriteChannel } from './invalidation';

/** Reads a channel; cached by channel and input, and kept on screen while the next page loads. */
export function useCall<C extends Channel>(channel: C, input: InputOf<C>, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [channel, input],
    queryFn: () => call(channel, input),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
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
