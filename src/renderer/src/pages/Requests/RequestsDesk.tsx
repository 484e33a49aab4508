import { Badge, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';

/** Overdue and due-soon counts beside the Requests entry of the navigation, refreshed every minute. */
export function RequestsNavBadge() {
  const { t } = useTranslation();
  const counts = useQuery({ queryKey: ['requests:counts', {}], queryFn: () => call('requests:counts', {}), refetchInterval: 60_000 });
  const c = counts.data;
  if (!c || (c.overdue === 0 && c.dueSoon === 0)) return null;
  return (
    <Group gap={4} wrap="nowrap" aria-label={t('requests:nav.badge', { overdue: c.overdue, dueSoon: c.dueSoon })} role="status" data-testid="requests-nav-badge">
      {c.overdue > 0 && (
        <Badge size="sm" color="red" variant="filled" circle={c.overdue < 10}>
          {c.overdue}
        </Badge>
      )}
      {c.dueSoon > 0 && (
        <Badge size="sm" color="orange" variant="light" circle={c.dueSoon < 10}>
          {c.dueSoon}
        </Badge>
      )}
    </Group>
  );
}
