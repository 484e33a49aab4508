import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_PANELS } from './panels';

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={2}>{t('common:nav.dashboard')}</Title>
      {DASHBOARD_PANELS.map(({ id, component: Panel }) => (
        <Panel key={id} />
      ))}
    </Stack>
  );
}
