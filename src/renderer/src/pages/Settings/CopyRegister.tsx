import { Alert, Button, Fieldset, Group, Modal, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyOutcome, CopyProgress } from '@shared/domain/transfer';
import { useWrite } from '../../api/hooks';
import { call } from '../../api/client';

/**
 * Settings → Move to a team register (officer only): the whole register copied onto an empty
 * PostgreSQL database or a new register file, all or nothing, with the rows of every table counted
 * on both sides and the audit log verified on both (core/transfer/copy-register.ts).
 */
export function CopyRegister() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Fieldset legend={t('settings:copy.section')} id="copy-register">
      <Stack>
        <Text size="sm">{t('settings:copy.intro')}</Text>
        <Group>
          <Button variant="light" onClick={() => setOpen(true)}>
            {t('settings:copy.open')}
          </Button>
        </Group>
      </Stack>
      {open && <CopyDialog onClose={() => setOpen(false)} />}
    </Fieldset>
  );
}

function CopyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const copy = useWrite('transfer:copyRegister');
  const [progress, setProgress] = useState<CopyProgress | null>(null);
  const outcome = copy.data;

  // While the copy runs, how far it is (the core counts the rows it has written).
  useEffect(() => {
    if (!copy.isPending) return;
    const timer = setInterval(() => {
      call('transfer:copyProgress', {}).then(setProgress, () => {});
    }, 400);
    return () => clearInterval(timer);
  }, [copy.isPending]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProgress(null);
    copy.mutate({ target });
  };
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;

  return (
    <Modal opened onClose={copy.isPending ? () => {} : onClose} title={t('settings:copy.title')} size="lg" closeOnClickOutside={!copy.isPending} withCloseButton={!copy.isPending}>
      <form noValidate onSubmit={submit}>
        <Stack>
          <Text size="sm">{t('settings:copy.explain')}</Text>
          <TextInput
            label={t('settings:copy.target')}
            description={t('settings:copy.targetHint')}
            placeholder="postgresql://workbench@db.example.cn/privacy_workbench?sslmode=verify-full"
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            disabled={copy.isPending || Boolean(outcome)}
            required
            data-autofocus
          />
          {copy.isPending && (
            <Stack gap={4} role="status" aria-live="polite">
              <Progress value={percent} animated aria-label={t('settings:copy.progressLabel')} />
              <Text size="sm" c="dimmed">
                {progress?.table
                  ? t('settings:copy.progress', { table: progress.table, done: progress.done, total: progress.total })
                  : t('settings:copy.starting')}
              </Text>
            </Stack>
          )}
          {copy.error && (
            <Alert color="red" role="alert" title={t('settings:copy.failedTitle')}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {copy.error.message}
              </Text>
            </Alert>
          )}
          {outcome && <CopyResult outcome={outcome} />}
          <Group justify="flex-end">
            {outcome ? (
              <Button onClick={onClose}>{t('common:actions.close')}</Button>
            ) : (
              <>
                <Button variant="default" onClick={onClose} disabled={copy.isPending}>
                  {t('common:actions.cancel')}
                </Button>
                <Button type="submit" loading={copy.isPending} disabled={target.trim() === ''}>
                  {t('settings:copy.start')}
                </Button>
              </>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The counts of every table on both sides and both audit chains, once the copy has committed. */
function CopyResult({ outcome }: { outcome: CopyOutcome }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Alert color="teal" role="status" title={t('settings:copy.doneTitle')}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('settings:copy.done', { source: outcome.source, target: outcome.target })}
        </Text>
        <Text size="sm" mt={4}>
          {t('settings:copy.chains', { source: outcome.sourceChain.entries, target: outcome.targetChain.entries })}
        </Text>
        {outcome.files > 0 && (
          <Text size="sm" mt={4}>
            {t('settings:copy.files', { count: outcome.files })}
          </Text>
        )}
      </Alert>
      <Table striped withTableBorder aria-label={t('settings:copy.countsLabel')} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings:copy.columns.table')}</Table.Th>
            <Table.Th ta="right">{t('settings:copy.columns.source')}</Table.Th>
            <Table.Th ta="right">{t('settings:copy.columns.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcome.counts.map((c) => (
            <Table.Tr key={c.table}>
              <Table.Td>
                {/* What the table holds in the user's words, and its name in the database for whoever checks it there. */}
                <Text size="sm">{t(`settings:copy.tables.${c.table}`, { defaultValue: c.table })}</Text>
                <Text size="xs" c="dimmed" component="code">
                  {c.table}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{c.source}</Table.Td>
              <Table.Td ta="right">{c.target}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
