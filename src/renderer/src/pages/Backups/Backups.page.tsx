import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@shared/domain/settings';
import type { BackupStatus } from '@shared/domain/transfer';
import { useCall, useWrite } from '../../api/hooks';
import { useZonedFormat } from '../../components/format';
import { formatBytes } from '../../components/download';
import { notifyError, notifySuccess } from '../../components/notify';
import { Loaded } from '../../components/Loaded';

/** Backups: take one now, see the rotating ones, schedule a restore for the next start, and the rotation settings. */
export function BackupsPage() {
  const status = useCall('backup:status', {});
  return <Loaded query={status}>{(data) => <Backups data={data} />}</Loaded>;
}

function Backups({ data }: { data: BackupStatus }) {
  const { t, i18n } = useTranslation();
  const formatWhen = useZonedFormat();
  const create = useWrite('backup:create');
  const schedule = useWrite('backup:scheduleRestore');
  const cancel = useWrite('backup:cancelRestore');
  const settings = useCall('settings:get', {});

  const askRestore = (name: string) =>
    modals.openConfirmModal({
      title: t('reports:backup.restoreTitle', { name }),
      children: <Text size="sm">{t('reports:backup.restoreBody')}</Text>,
      labels: { confirm: t('reports:backup.restore'), cancel: t('common:actions.cancel') },
      confirmProps: { color: 'orange' },
      onConfirm: () =>
        schedule.mutate({ name }, { onSuccess: () => notifySuccess(t('reports:backup.scheduled')), onError: (e) => notifyError(t, e) }),
    });

  return (
    <Stack maw={1000}>
      <div>
        <Title order={2}>{t('reports:backup.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('reports:backup.subtitle')}
        </Text>
      </div>
      {data.onServer ? (
        <Alert color="blue" title={t('reports:backup.onServerTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('reports:backup.onServer')}</Text>
            <Text size="sm">{t('reports:backup.onServerExport')}</Text>
          </Stack>
        </Alert>
      ) : (
        !data.available && <Alert color="gray">{t('reports:backup.unavailable')}</Alert>
      )}
      {data.pendingRestore && (
        <Alert color="orange" role="status">
          <Group justify="space-between">
            <Text size="sm">
              {t('reports:backup.pending', { name: data.pendingRestore.name, at: formatWhen(data.pendingRestore.requestedAt) })}
            </Text>
            <Button size="xs" variant="white" onClick={() => cancel.mutate({}, { onError: (e) => notifyError(t, e) })}>
              {t('reports:backup.cancel')}
            </Button>
          </Group>
        </Alert>
      )}
      {!data.onServer && (
      <Paper withBorder p="md">
        <Group justify="space-between" mb="md">
          <Text size="sm" c="dimmed">
            {t('reports:backup.folder', { folder: data.folder })}
          </Text>
          <Button
            leftSection={<IconDatabaseExport size={16} />}
            disabled={!data.available}
            loading={create.isPending}
            onClick={() => create.mutate({}, { onSuccess: () => notifySuccess(t('reports:backup.created')), onError: (e) => notifyError(t, e) })}
          >
            {t('reports:backup.now')}
          </Button>
        </Group>
        <Table striped>
          <Table.Caption>{t('reports:backup.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports:backup.name')}</Table.Th>
              <Table.Th>{t('reports:backup.kind')}</Table.Th>
              <Table.Th>{t('reports:backup.takenAt')}</Table.Th>
              <Table.Th>{t('reports:backup.size')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('reports:backup.restore')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.backups.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td ff="monospace" fz="sm">
                  {b.name}
                </Table.Td>
                <Table.Td>{t(`reports:backup.kinds.${b.kind}`)}</Table.Td>
                <Table.Td>{formatWhen(b.takenAt)}</Table.Td>
                <Table.Td>{formatBytes(b.bytes, i18n.language)}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="light" color="orange" onClick={() => askRestore(b.name)} aria-label={`${t('reports:backup.restore')}: ${b.name}`}>
                    {t('reports:backup.restore')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.backups.length === 0 && (
          <Text c="dimmed" ta="center" py="md">
            {t('reports:backup.none')}
          </Text>
        )}
        <Text size="xs" c="dimmed" mt="md">
          {t('reports:backup.cli')}
        </Text>
      </Paper>
      )}
      {!data.onServer && settings.data && <BackupSettings key={JSON.stringify(settings.data)} initial={settings.data} />}
    </Stack>
  );
}

function BackupSettings({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const save = useWrite('settings:update');
  const [auto, setAuto] = useState(initial.autoBackup);
  const [daily, setDaily] = useState<number>(initial.backupKeepDaily);
  const [weekly, setWeekly] = useState<number>(initial.backupKeepWeekly);
  return (
    <Fieldset legend={t('reports:backup.settings')}>
      <Stack>
        <Checkbox label={t('reports:backup.auto')} checked={auto} onChange={(e) => setAuto(e.currentTarget.checked)} />
        <Group>
          <NumberInput label={t('reports:backup.keepDaily')} min={1} max={365} allowDecimal={false} value={daily} onChange={(v) => setDaily(Number(v) || 1)} w={220} />
          <NumberInput label={t('reports:backup.keepWeekly')} min={0} max={104} allowDecimal={false} value={weekly} onChange={(v) => setWeekly(Number(v) || 0)} w={220} />
        </Group>
        <Group justify="flex-end">
          <Button
            variant="light"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { autoBackup: auto, backupKeepDaily: daily, backupKeepWeekly: weekly },
                { onSuccess: () => notifySuccess(t('settings:saved')), onError: (e) => notifyError(t, e) },
              )
            }
          >
            {t('reports:backup.saveSettings')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
