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
  // A count of none is not read out: "2 requests due soon", not "0 overdue, 2 due soon".
  const label =
    c.overdue === 0
      ? t('requests:nav.badgeDueSoon', { count: c.dueSoon })
      : c.dueSoon === 0
        ? t('requests:nav.badgeOverdue', { count: c.overdue })
        : t('requests:nav.badge', { overdue: c.overdue, dueSoon: c.dueSoon });
  return (
    <Group gap={4} wrap="nowrap" aria-label={label} role="status" data-testid="requests-nav-badge">
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
