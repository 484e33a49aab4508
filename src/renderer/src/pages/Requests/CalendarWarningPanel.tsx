import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCall } from '../../api/hooks';

// Which year is missing is the core's answer (its clock, the organisation's zone); the year asked for does not matter.
export const calendarWarningInput = () => ({ year: new Date().getFullYear() });

/** From 1 November: next year's holiday calendar is not complete, and how to add it. */
export function CalendarWarningPanel() {
  const { t } = useTranslation();
  const data = useCall('calendar:year', calendarWarningInput());
  const missing = data.data?.nextYearMissing ?? null;
  if (missing === null) return null;
  return (
    <Alert color="yellow" data-testid="calendar-next-year-warning" title={t('requests:calendar.title')}>
      <Text size="sm">{t('requests:calendar.nextYearMissing', { year: missing })}</Text>
      <Anchor component={Link} to="/requests/calendar" size="sm">
        {t('requests:calendar.openCalendar')}
      </Anchor>
    </Alert>
  );
}
