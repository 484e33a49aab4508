import { Alert, Badge, Button, Grid, Group, Loader, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconEdit, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Category } from '@shared/domain/categories';
import { useCall, useWrite } from '../../api/hooks';
import { AuditHistory } from '../../components/AuditHistory';
import { formatInstant } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { ClauseText } from '../../components/ClauseText';
import { FlowsPanel } from '../Partners/FlowsPanel';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

export function CategoryDetailPage() {
  const { id } = useParams();
  const query = useCall('categories:get', { id: Number(id) });
  const { t } = useTranslation();
  if (query.isError) {
    return (
      <Alert color="red" title={t('common:errorTitle')}>
        {query.error.message}
      </Alert>
    );
  }
  if (!query.data) return <Loader aria-label={t('common:loading')} />;
  return <Detail category={query.data} />;
}

function Detail({ category: c }: { category: Category }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const setStatus = useWrite('categories:setStatus');
  const remove = useWrite('categories:delete');
  const [retireOpen, retire] = useDisclosure(false);
  const [deleteOpen, del] = useDisclosure(false);
  const [typed, setTyped] = useState('');
  const f = (name: string) => t(`categories:fields.${name}`);
  const yesNo = (v: boolean) => t(v ? 'common:yes' : 'common:no');

  const changeStatus = (status: 'active' | 'retired') =>
    setStatus.mutate(
      { id: c.id, revision: c.revision, status },
      {
        onSuccess: () => {
          retire.close();
          notifySuccess(t(status === 'retired' ? 'categories:retired' : 'categories:reactivated', { code: c.code }));
        },
        onError: (e) => notifyError(t, e),
      },
    );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('categories:detailTitle', { code: c.code, name: c.name })}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={c.status === 'active' ? 'teal' : 'gray'} variant="light">
              {t(`common:status.${c.status}`)}
            </Badge>
            {c.sensitive && (
              <Badge color="orange" variant="light">
                {t(`categories:sensitiveKind.${c.sensitiveKind ?? 'other'}`)}
              </Badge>
            )}
          </Group>
        </div>
        <Group>
          <Button variant="default" component={Link} to="/categories">
            {t('common:actions.back')}
          </Button>
          <Button leftSection={<IconEdit size={16} />} component={Link} to={`/categories/${c.id}/edit`}>
            {t('common:actions.edit')}
          </Button>
          {c.status === 'active' ? (
            <Button variant="light" color="gray" leftSection={<IconArchive size={16} />} onClick={retire.open}>
              {t('common:actions.retire')}
            </Button>
          ) : (
            <Button variant="light" leftSection={<IconRestore size={16} />} onClick={() => changeStatus('active')} loading={setStatus.isPending}>
              {t('common:actions.reactivate')}
            </Button>
          )}
          <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={del.open}>
            {t('common:actions.delete')}
          </Button>
        </Group>
      </Group>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="md" verticalSpacing="md" m={0}>
              <Field label={f('stage')}>{t(`categories:stage.${c.stage}`)}</Field>
              <Field label={f('subjectType')}>{t(`categories:subjectType.${c.subjectType}`)}</Field>
              <Field label={f('legalBasis')}>{t(`categories:legalBasis.${c.legalBasis}`)}</Field>
              <Field label={f('collectionMethod')}>{t(`categories:collectionMethod.${c.collectionMethod}`)}</Field>
              <Field label={f('sensitive')}>
                {c.sensitive ? t(`categories:sensitiveKind.${c.sensitiveKind ?? 'other'}`) : t('common:no')}
              </Field>
              <Field label={f('separateConsent')}>{yesNo(c.separateConsent)}</Field>
              <Field label={f('guardianConsent')}>{yesNo(c.guardianConsent)}</Field>
              <Field label={f('retention')}>
                {c.retention || t('common:none')}
                {c.retentionDays !== null ? ` (${c.retentionDays})` : ''}
              </Field>
              <Field label={f('storageLocation')}>{t(`categories:storageLocation.${c.storageLocation}`)}</Field>
              <Field label={f('crossBorderMechanism')}>{t(`categories:crossBorderMechanism.${c.crossBorderMechanism}`)}</Field>
              <Field label={f('policyClause')}>{c.policyClause || t('common:none')}</Field>
              <Field label={f('updatedAt')}>{formatInstant(c.updatedAt, i18n.language)}</Field>
            </SimpleGrid>
            <Stack mt="md" gap="md" component="dl" m={0}>
              <Field label={f('dataItems')}>{c.dataItems.join('、')}</Field>
              <Field label={f('purposes')}>{c.purposes}</Field>
              {c.notes && <Field label={f('notes')}>{c.notes}</Field>}
            </Stack>
          </Paper>
          <Stack mt="md">
            <FlowsPanel side={{ categoryId: c.id }} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ClauseText number={c.policyClause} />
            <AuditHistory entity="category" entityId={c.id} fieldPrefix="categories:fields" />
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal opened={retireOpen} onClose={retire.close} title={t('categories:retire.title', { code: c.code })}>
        <Text size="sm">{t('categories:retire.body')}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={retire.close}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="gray" onClick={() => changeStatus('retired')} loading={setStatus.isPending}>
            {t('common:actions.retire')}
          </Button>
        </Group>
      </Modal>

      <Modal
        opened={deleteOpen}
        onClose={() => {
          del.close();
          setTyped('');
        }}
        title={t('categories:delete.title', { code: c.code })}
      >
        <Text size="sm">{t('categories:delete.body')}</Text>
        <TextInput mt="md" label={t('categories:delete.typeToConfirm', { code: c.code })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={del.close}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="red"
            disabled={typed.trim() !== c.code}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(
                { id: c.id, revision: c.revision },
                {
                  onSuccess: () => {
                    notifySuccess(t('categories:deleted', { code: c.code }));
                    navigate('/categories');
                  },
                  onError: (e) => notifyError(t, e),
                },
              )
            }
          >
            {t('common:actions.delete')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
