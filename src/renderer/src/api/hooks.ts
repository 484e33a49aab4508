import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, InputOf, OutputOf } from '@shared/contract';
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
