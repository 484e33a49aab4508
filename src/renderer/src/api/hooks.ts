import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, InputOf, OutputOf } from '@shared/contract';
import { call } from './client';

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
 * Writes through a channel. The registers refer to one another (gap checks, dashboards), so every
 * successful write refreshes whatever is on screen.
 */
export function useWrite<C extends Channel>(channel: C) {
  const client = useQueryClient();
  return useMutation<OutputOf<C>, Error, InputOf<C>>({
    mutationFn: (input) => call(channel, input),
    // Not awaited: the caller's own onSuccess (often a navigation away from a record it just
    // deleted) must run first, or a refetch of that record would unmount the caller mid-way.
    onSuccess: () => {
      void client.invalidateQueries();
    },
  });
}
