import { Anchor, Box, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Suspense, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCall } from '../../api/hooks';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { formatLocalDate } from '@shared/time';
import { lazyPage, useAfterPaint } from '../../app/lazy-page';
import { ListFailed } from '../../components/RegisterList';

// The charts library is most of the dashboard's weight: its chunk loads once the numbers are on screen, which do not wait for it.
const RequestsCharts = lazyPage(() => import('./RequestsCharts'), 'RequestsCharts');

function Stat({ label, value, color, to, testId }: { label: string; value: string | number; color?: string; to?: string; testId: string }) {
  const content = (
    <Text fz={28} fw={700} c={color} data-testid={testId}>
      {value}
    </Text>
  );
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} underline="never" aria-label={`${label}: ${value}`}>
          {content}
        </Anchor>
      ) : (
        content
      )}
    </Paper>
  );
}

/** The requests desk's counts and charts on the dashboard (the overdue list has a panel of its own, first). */
export function RequestsDashboardPanel() {
  const { t, i18n } = useTranslation();
  const dash = useCall('requests:dashboard', {});
  const d = dash.data;
  if (!d) return null;
  const c = d.counts;
  return (
    <Stack component="section" aria-labelledby="requests-panel-title" gap="md">
      <Title order={3} id="requests-panel-title">
        {t('requests:dashboard.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        <Stat label={t('requests:dashboard.overdue')} value={c.overdue} color={c.overdue ? 'red' : undefined} to="/requests?due=overdue" testId="count-overdue" />
        <Stat label={t('requests:dashboard.dueSoon')} value={c.dueSoon} color={c.dueSoon ? 'orange' : undefined} to="/requests?due=due_soon" testId="count-due-soon" />
        <Stat label={t('requests:dashboard.open')} value={c.open} to="/requests" testId="count-open" />
        <Stat
          label={t('requests:dashboard.onTime')}
          value={
            c.respondedThisMonth === 0
              ? t('requests:dashboard.onTimeNone')
              : t('requests:dashboard.onTimeValue', { onTime: c.respondedOnTimeThisMonth, total: c.respondedThisMonth })
          }
          testId="count-on-time"
        />
        <Stat label={t('requests:dashboard.unknown')} value={c.unknownDeadline} color={c.unknownDeadline ? 'grape' : undefined} to="/requests?due=unknown" testId="count-unknown" />
      </SimpleGrid>
      <DeferredCharts byKind={d.byKind} byWeek={d.byWeek} />
    </Stack>
  );
}

/** The charts, loaded and drawn after the counts above them are painted. */
function DeferredCharts(props: ComponentProps<typeof RequestsCharts>) {
  const painted = useAfterPaint();
  const space = <Box mih={300} />;
  if (!painted) return space;
  return (
    <Suspense fallback={space}>
      <RequestsCharts {...props} />
    </Suspense>
  );
}

/** Overdue requests, most overdue first: the first thing on the dashboard. */
export function OverdueRequestsPanel() {
  const { t, i18n } = useTranslation();
  const dash = useCall('requests:dashboard', {});
  const d = dash.data;
  // (Its counts and charts below read the same: this one line says for both that it failed.)
  if (!d) return <ListFailed read={dash} />;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="overdue-title">
        <Title order={4} size="h5" id="overdue-title" mb="sm" c={d.overdue.length ? 'red' : undefined}>
          {t('requests:dashboard.overdueList')}
        </Title>
        {d.overdue.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('requests:dashboard.noneOverdue')}
          </Text>
        ) : (
          <Table verticalSpacing={4} data-testid="overdue-list">
            <Table.Caption>{t('requests:dashboard.overdueList')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('requests:table.reference')}</Table.Th>
                <Table.Th>{t('requests:table.kind')}</Table.Th>
                <Table.Th>{t('requests:table.requester')}</Table.Th>
                <Table.Th>{t('requests:table.due')}</Table.Th>
                <Table.Th>{t('requests:table.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.overdue.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${r.id}`} ff="monospace" size="sm">
                      {r.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`requests:kind.${r.kind}`)}</Table.Td>
                  <Table.Td>{r.requesterName || t('common:none')}</Table.Td>
                  <Table.Td>{r.deadline.dueDate ? formatLocalDate(r.deadline.dueDate, i18n.language) : ''}</Table.Td>
                  <Table.Td>
                    <DeadlineBadge deadline={r.deadline} status={r.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </Paper>
  );
}
