import { Alert, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { serverLost } from '../api/client';

/**
 * Whether the register's server was lost while working, and what failed: a read (a list, a search,
 * a record: the screen shows what was last read) or a write (not saved; what was typed stays on the
 * screen). Set by any call that answers UNAVAILABLE, a write's failure outweighing a read's; cleared
 * by the next that succeeds. The shell shows a banner meanwhile, over the screen as it was.
 */
export type Lost = null | 'read' | 'write';

/** What the banner says after a call's outcome: `failed` with the call's error, or its success. */
export function nextLost(current: Lost, call: 'read' | 'write', failed: unknown | null): Lost {
  if (failed === null) return null;
  if (!serverLost(failed)) return current;
  return call === 'write' || current === 'write' ? 'write' : 'read';
}

let lost: Lost = null;
const listeners = new Set<() => void>();
function note(call: 'read' | 'write', failed: unknown | null) {
  const next = nextLost(lost, call, failed);
  if (lost === next) return;
  lost = next;
  for (const listener of listeners) listener();
}

/** For the query client's caches (reads, and writes): every call's outcome passes here. */
export const connectionWatch = {
  reads: { onError: (error: unknown) => note('read', error), onSuccess: () => note('read', null) },
  writes: { onError: (error: unknown) => note('write', error), onSuccess: () => note('write', null) },
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function ConnectionLostBanner() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const shown = useSyncExternalStore(subscribe, () => lost);
  if (!shown) return null;
  return (
    <Alert color="red" role="alert" title={t('welcome:lost.title')} mb="md" data-testid="connection-lost">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t(shown === 'write' ? 'welcome:lost.body' : 'welcome:lost.bodyRead')}</Text>
        <Button size="xs" onClick={() => void client.refetchQueries({ type: 'active' })}>
          {t('welcome:lost.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
