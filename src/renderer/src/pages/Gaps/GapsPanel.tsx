import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GapSummary } from '@shared/domain/gaps';
import { useCall } from '../../api/hooks';
import { SEVERITY_COLORS } from './severity';
import { ListFailed } from '../../components/RegisterList';

/**
 * The dashboard's gap panel: every check with its open gaps, each linking to the records to fix.
 * The headline counts only open gaps; those in hand and those accepted or not applicable are counted
 * beside it, so that worked-off gaps no longer inflate it.
 */
export function GapsPanel() {
  const { t } = useTranslation();
  const summary = useCall('gaps:summary', {});
  const checks = summary.data ?? [];
  const total = (pick: (c: GapSummary) => number) => checks.reduce((n, c) => n + pick(c), 0);
  const open = total((c) => c.count);
  const inHand = total((c) => c.inHand);
  const settled = total((c) => c.settled);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="gaps-title">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="gaps-title">
          {t('gaps:title')}
        </Title>
        {summary.data && (
          <Group gap="xs" component="dl" m={0} data-testid="gap-counts">
            <Count label={t('gaps:counts.open')} value={open} color={open ? 'orange' : 'teal'} variant="filled" testId="gaps-open" />
            <Count label={t('gaps:counts.inHand')} value={inHand} color="blue" variant="light" testId="gaps-in-hand" />
            <Count label={t('gaps:counts.settled')} value={settled} color="gray" variant="light" testId="gaps-settled" />
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('gaps:subtitle')}
      </Text>
      <ListFailed read={summary} />
      {summary.data && open === 0 && (
        <Group gap="xs" mb="sm">
          <IconCircleCheck color="teal" aria-hidden />
          <Text>{inHand + settled ? t('gaps:noneOpen') : t('gaps:none')}</Text>
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {checks.map((c) => (
          <li key={c.id}>
            <GapLink check={c} />
          </li>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function Count({ label, value, color, variant, testId }: { label: string; value: number; color: string; variant: 'filled' | 'light'; testId: string }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" component="dt">
        {label}
      </Text>
      <Badge component="dd" m={0} color={color} variant={variant} size="lg" data-testid={testId}>
        {value}
      </Badge>
    </Group>
  );
}

function GapLink({ check }: { check: GapSummary }) {
  const { t } = useTranslation();
  const title = t(check.titleKey, { count: check.count });
  const any = check.count + check.inHand + check.settled > 0;
  const body = (
    <Group wrap="nowrap" gap="sm" p="xs" style={{ borderRadius: 6, border: '1px solid var(--mantine-color-default-border)' }}>
      <Badge color={check.count > 0 ? SEVERITY_COLORS[check.severity] : 'gray'} variant={check.count > 0 ? 'filled' : 'light'} size="lg" miw={44}>
        {check.count}
      </Badge>
      <Stack gap={0}>
        <Text size="sm" fw={check.count > 0 ? 600 : 400} c={check.count > 0 ? undefined : 'dimmed'}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`gaps:register.${check.register}`)}
          {check.inHand + check.settled > 0 && ` · ${t('gaps:countsLine', { open: check.count, inHand: check.inHand, settled: check.settled })}`}
        </Text>
      </Stack>
      {check.count > 0 && <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" aria-hidden style={{ marginLeft: 'auto' }} />}
    </Group>
  );
  if (!any) return <div data-gap={check.id}>{body}</div>;
  return (
    <UnstyledButton component={Link} to={`/gaps/${check.id}`} data-gap={check.id} w="100%">
      {body}
    </UnstyledButton>
  );
}
