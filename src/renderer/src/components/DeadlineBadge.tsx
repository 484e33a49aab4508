import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestDeadline, RequestStatus } from '@shared/domain/requests';
import { useDayFormat } from './format';

const COLORS = { overdue: 'red', due_today: 'orange', due_soon: 'yellow', on_track: 'teal', unknown: 'grape' } as const;

/** Where a request's deadline stands: days left, due soon, due today, overdue by N days, or unknown. */
export function DeadlineBadge({ deadline, status }: { deadline: RequestDeadline; status: RequestStatus }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  let label: string;
  let color: string = COLORS[deadline.state];
  if (!deadline.running) {
    label = t(status === 'awaiting_requester' ? 'requests:badge.stopped' : 'requests:badge.done');
    color = 'gray';
  } else if (deadline.dueDate === null) {
    label = t('requests:badge.unknown');
    color = COLORS.unknown;
  } else if (deadline.state === 'overdue') {
    label = t('requests:badge.overdue', { count: deadline.overdueDays });
  } else if (deadline.state === 'due_today') {
    label = t('requests:badge.due_today');
  } else if (deadline.state === 'due_soon') {
    label = t('requests:badge.due_soon', { count: deadline.daysLeft ?? 0 });
  } else {
    label = t('requests:badge.days_left', { count: deadline.daysLeft ?? 0 });
  }
  const badge = (
    <Tooltip label={deadline.dueDate ? day(deadline.dueDate) : t('requests:badge.unknown')} disabled={!deadline.dueDate}>
      <Badge color={color} variant={deadline.state === 'overdue' && deadline.running ? 'filled' : 'light'} data-testid="deadline-badge">
        {label}
      </Badge>
    </Tooltip>
  );
  if (!deadline.running || deadline.problem !== 'calendar_provisional') return badge;
  return (
    <Group gap={4} wrap="nowrap">
      {badge}
      <ProvisionalMark deadline={deadline} />
    </Group>
  );
}

/** A due date counted through a year whose calendar is not complete: "Provisional · 2027 calendar missing". */
export function ProvisionalMark({ deadline }: { deadline: RequestDeadline }) {
  const { t } = useTranslation();
  if (deadline.problem !== 'calendar_provisional') return null;
  return (
    <Badge color="grape" variant="outline" data-testid="deadline-provisional">
      {t('requests:badge.provisional', { years: deadline.missingYears.join(', ') })}
    </Badge>
  );
}
