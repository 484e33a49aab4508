import { ActionIcon, Anchor, Button, Group, Modal, Pagination, Paper, SimpleGrid, Stack, Switch, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CROSS_BORDER_MECHANISMS } from '@shared/domain/categories';
import { FLOW_METHODS, emptyFlow, flowInput, type Flow, type FlowValues } from '@shared/domain/partners';
import { useCall, useWrite } from '../../api/hooks';
import { ClauseSelect } from '../../components/ClauseSelect';
import { EnumSelect } from '../../components/EnumSelect';
import { RecordSelect } from '../../components/RecordSelect';
import { ListFailed } from '../../components/RegisterList';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { useCan } from '../../app/session';
import { unread } from '../../components/Loaded';

type Side = { partnerId: number; categoryId?: undefined } | { categoryId: number; partnerId?: undefined };
type FormValues = ReturnType<typeof emptyFlow>;

/**
 * The sharing flows seen from one side: on a partner, what it receives; on a category, who
 * receives it. Flows are added, edited and deleted from either side.
 */
export function FlowsPanel({ side, canAdd = true }: { side: Side; canAdd?: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const flows = useCall('flows:list', { ...side, page, pageSize: 10, sortBy: side.partnerId ? 'category' : 'partner' });
  const [editing, setEditing] = useState<Flow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Flow | null>(null);
  const remove = useWrite('flows:delete');
  const mayCreate = useCan('flows:create');
  const mayUpdate = useCan('flows:update');
  const mayDelete = useCan('flows:delete');
  const data = flows.data;
  const title = side.partnerId ? t('partners:receives') : t('flows:receivedBy');
  const name = (f: Flow) => (side.partnerId ? f.categoryCode : f.partnerName);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="flows-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id="flows-title">
          {title}
        </Title>
        {canAdd && mayCreate && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('flows:new')}
          </Button>
        )}
      </Group>
      {unread(flows) ? (
        <ListFailed read={flows} />
      ) : data && data.total === 0 ? (
        <Text c="dimmed" size="sm">
          {t('flows:empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs" striped>
            <Table.Caption>{t('flows:caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{side.partnerId ? t('flows:fields.categoryId') : t('flows:fields.partnerId')}</Table.Th>
                <Table.Th>{t('flows:fields.purpose')}</Table.Th>
                <Table.Th>{t('flows:fields.method')}</Table.Th>
                <Table.Th>{t('flows:fields.frequency')}</Table.Th>
                <Table.Th>{t('flows:fields.crossBorder')}</Table.Th>
                <Table.Th>{t('flows:fields.policyClause')}</Table.Th>
                <Table.Th>
                  <span className="sr-only" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                    {t('categories:table.actions')}
                  </span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    {side.partnerId ? (
                      <Anchor component={Link} to={`/categories/${f.categoryId}`} size="sm" ff="monospace">
                        {f.categoryCode}
                      </Anchor>
                    ) : (
                      <Anchor component={Link} to={`/partners/${f.partnerId}`} size="sm">
                        {f.partnerName}
                      </Anchor>
                    )}
                    <Text size="xs" c="dimmed">
                      {side.partnerId ? f.categoryName : t(`common:status.${f.partnerStatus}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.purpose}</Table.Td>
                  <Table.Td>{t(`flows:method.${f.method}`)}</Table.Td>
                  <Table.Td>{f.frequency}</Table.Td>
                  <Table.Td>{f.crossBorder ? t(`categories:crossBorderMechanism.${f.crossBorderMechanism}`) : t('common:no')}</Table.Td>
                  <Table.Td>{f.policyClause || t('common:none')}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {mayUpdate && (
                        <ActionIcon variant="subtle" aria-label={t('flows:editFlow', { name: name(f) })} onClick={() => setEditing(f)}>
                          <IconEdit size={16} />
                        </ActionIcon>
                      )}
                      {mayDelete && (
                        <ActionIcon variant="subtle" color="red" aria-label={t('flows:deleteFlow', { name: name(f) })} onClick={() => setDeleting(f)}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && data.total > data.pageSize && (
        <Group justify="flex-end" mt="sm">
          <Pagination size="sm" total={Math.ceil(data.total / data.pageSize)} value={page} onChange={setPage} />
        </Group>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('flows:createTitle') : t('flows:editTitle')} size="lg">
        {editing !== null && <FlowForm side={side} existing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('flows:deleteFlow', { name: deleting ? name(deleting) : '' })}>
        {deleting && (
          <>
            <Text size="sm">{t('flows:deleteConfirm', { category: deleting.categoryCode, partner: deleting.partnerName, purpose: deleting.purpose })}</Text>
            <Group justify="flex-end" mt="lg">
              <Button variant="default" onClick={() => setDeleting(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(
                    { id: deleting.id, revision: deleting.revision },
                    {
                      onSuccess: () => {
                        notifySuccess(t('flows:deleted'));
                        setDeleting(null);
                      },
                      onError: (e) => notifyError(t, e),
                    },
                  )
                }
              >
                {t('common:actions.delete')}
              </Button>
            </Group>
          </>
        )}
      </Modal>
    </Paper>
  );
}

function FlowForm({ side, existing, onDone }: { side: Side; existing: Flow | null; onDone: () => void }) {
  const { t } = useTranslation();
  const initial: FormValues = existing
    ? {
        partnerId: existing.partnerId,
        categoryId: existing.categoryId,
        purpose: existing.purpose,
        method: existing.method,
        frequency: existing.frequency,
        crossBorder: existing.crossBorder,
        crossBorderMechanism: existing.crossBorderMechanism,
        policyClause: existing.policyClause,
        notes: existing.notes,
      }
    : emptyFlow({ ...(side.partnerId ? { partnerId: side.partnerId } : { categoryId: side.categoryId }) });
  const form = useSchemaForm<FormValues, typeof flowInput>(flowInput, initial);
  const create = useWrite('flows:create');
  const update = useWrite('flows:update');
  const f = (name: string) => t(`flows:fields.${name}`);
  const submit = (parsed: FlowValues) => {
    const onError = (error: unknown) => {
      if (!showServerErrors(form, error)) notifyError(t, error);
    };
    const onSuccess = () => {
      notifySuccess(t('flows:created'));
      onDone();
    };
    if (existing) update.mutate({ ...parsed, id: existing.id, revision: existing.revision }, { onSuccess, onError });
    else create.mutate(parsed, { onSuccess, onError });
  };
  return (
    <form onSubmit={form.submitParsed(submit)} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <RecordSelect
            kind="partners"
            label={f('partnerId')}
            value={form.values.partnerId}
            onChange={(v) => form.setFieldValue('partnerId', v)}
            error={form.errors.partnerId}
            withAsterisk
            disabled={side.partnerId !== undefined}
            activeOnly
          />
          <RecordSelect
            kind="categories"
            label={f('categoryId')}
            value={form.values.categoryId}
            onChange={(v) => form.setFieldValue('categoryId', v)}
            error={form.errors.categoryId}
            withAsterisk
            disabled={side.categoryId !== undefined}
          />
        </SimpleGrid>
        <TextInput label={f('purpose')} withAsterisk {...form.getInputProps('purpose')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <EnumSelect label={f('method')} values={FLOW_METHODS} labelPrefix="flows:method" withAsterisk {...form.getInputProps('method')} />
          <TextInput label={f('frequency')} description={t('flows:hints.frequency')} withAsterisk {...form.getInputProps('frequency')} />
          <Switch
            mt="md"
            label={f('crossBorder')}
            checked={form.values.crossBorder}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              form.setFieldValue('crossBorder', on);
              if (!on) form.setFieldValue('crossBorderMechanism', 'none');
            }}
          />
          <EnumSelect
            label={f('crossBorderMechanism')}
            values={CROSS_BORDER_MECHANISMS}
            labelPrefix="categories:crossBorderMechanism"
            disabled={!form.values.crossBorder}
            {...form.getInputProps('crossBorderMechanism')}
          />
        </SimpleGrid>
        <ClauseSelect label={f('policyClause')} value={form.values.policyClause} onChange={(v) => form.setFieldValue('policyClause', v)} error={form.errors.policyClause} />
        <Textarea label={f('notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
