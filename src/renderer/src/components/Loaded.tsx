import { Alert, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { serverLost } from '../api/client';

/** What a page's read says of itself (a query's state). */
export interface PageRead<T> {
  isError: boolean;
  error: Error | null;
  data: T | undefined;
}

/**
 * Why a read has nothing to show: its error, when it failed before anything was read; null while it
 * loads, once it has read, or when a later read failed (what was read stays on the screen).
 */
export const unread = (read: Pick<PageRead<unknown>, 'data' | 'error'>): Error | null => (read.data === undefined ? read.error : null);

/** Two reads a page needs as one: loaded when both are, failed when either is. */
export const both = <A, B>(a: PageRead<A>, b: PageRead<B>): PageRead<[A, B]> => ({
  isError: a.isError || b.isError,
  error: a.error ?? b.error,
  data: a.data !== undefined && b.data !== undefined ? [a.data, b.data] : undefined,
});

/**
 * A page's record or data once read, a labelled spinner meanwhile, or why it could not be read.
 * A lost server in a few words in the page's place (the shell's banner says the rest), never an
 * endless spinner; but what was read before stays on the screen, with what was typed into it.
 * Any other failure (a record deleted meanwhile, say) is said with its reason.
 */
export function Loaded<T>({ query, children }: { query: PageRead<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  const lost = query.isError && serverLost(query.error);
  if (query.isError && !(lost && query.data !== undefined)) {
    if (lost) {
      return (
        <Text c="red" ta="center" py="lg">
          {t('common:pageFailedOffline')}
        </Text>
      );
    }
    return (
      <Alert color="red" title={t('common:errorTitle')}>
        {query.error?.message}
      </Alert>
    );
  }
  if (query.data === undefined) return <Loader aria-label={t('common:loading')} />;
  return <>{children(query.data)}</>;
}
