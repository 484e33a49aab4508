import { Alert, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * Whether the register's server was lost while working: set by any call that answers UNAVAILABLE,
 * cleared by the next that succeeds. The shell shows a banner meanwhile, over the screen as it was,
 * so that nothing typed is lost.
 */
let lost = false;
const listeners = new Set<() => void>();
function setLost(value: boolean) {
  if (lost === value) return;
  lost = value;
  for (const listener of listeners) listener();
}

/** For the query client's caches: every call's outcome passes here. */
export const connectionWatch = {
  onError: (error: unknown) => {
    if (error instanceof ApiError && error.code === 'UNAVAILABLE') setLost(true);
  },
  onSuccess: () => setLost(false),
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
        <Text size="sm">{t('welcome:lost.body')}</Text>
        <Button size="xs" onClick={() => void client.refetchQueries({ type: 'active' })}>
          {t('welcome:lost.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
