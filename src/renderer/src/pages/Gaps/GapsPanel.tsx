import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GapSummary } from '@shared/domain/gaps';
import { useCall } from '../../api/hooks';

/** The dashboard's gap panel: every check with its count, each linking to the records to fix. */
export function GapsPanel() {
  const { t } = useTranslation();
  const summary = useCall('gaps:summary', {});
  const checks = summary.data ?? [];
  const open = checks.filter((c) => c.count > 0);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="gaps-title">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="gaps-title">
          {t('gaps:title')}
        </Title>
        {summary.data && (
          <Badge color={open.length ? 'orange' : 'teal'} variant="light" size="lg" data-testid="gaps-open">
            {open.reduce((n, c) => n + c.count, 0)}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('gaps:subtitle')}
      </Text>
      {summary.data && open.length === 0 && (
        <Group gap="xs">
          <IconCircleCheck color="teal" aria-hidden />
          <Text>{t('gaps:none')}</Text>
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

function GapLink({ check }: { check: GapSummary }) {
  const { t } = useTranslation();
  const title = t(check.titleKey, { count: check.count });
  const body = (
    <Group wrap="nowrap" gap="sm" p="xs" style={{ borderRadius: 6, border: '1px solid var(--mantine-color-default-border)' }}>
      <Badge color={check.count > 0 ? 'orange' : 'gray'} variant={check.count > 0 ? 'filled' : 'light'} size="lg" miw={44}>
        {check.count}
      </Badge>
      <Stack gap={0}>
        <Text size="sm" fw={check.count > 0 ? 600 : 400} c={check.count > 0 ? undefined : 'dimmed'}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`gaps:register.${check.register}`)}
        </Text>
      </Stack>
      {check.count > 0 && <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" aria-hidden style={{ marginLeft: 'auto' }} />}
    </Group>
  );
  if (check.count === 0) return <div data-gap={check.id}>{body}</div>;
  return (
    <UnstyledButton component={Link} to={`/gaps/${check.id}`} data-gap={check.id} w="100%">
      {body}
    </UnstyledButton>
  );
}
