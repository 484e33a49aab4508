import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendar, IconEraser, IconPlus } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  DUE_WINDOWS,
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type PurgeResult,
  type RequestSortField,
  type RequestStatus,
  type RequestSummary,
} from '@shared/domain/requests';
import { useCall, useWrite } from '../../api/hooks';
import { call } from '../../api/client';
import { SortableTh } from '../../components/ListControls';
import { ListFilter, ListHeader, ListSearchBar, ListTable } from '../../components/RegisterList';
import { useListParams } from '../../components/useListParams';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatLocalDate } from '@shared/time';
import { useZonedFormat } from '../../components/format';
import { REQUEST_LIST_FILTERS, requestsListInput } from './requests-list-input';
import { Allowed } from '../../app/session';
import { MyRequests } from './MyRequests';

export const STATUS_COLORS: Record<RequestStatus, string> = {
  new: 'blue',
  verifying: 'cyan',
  in_progress: 'indigo',
  awaiting_requester: 'yellow',
  responded: 'teal',
  closed: 'gray',
  refused: 'red',
  withdrawn: 'gray',
};

export function RequestsListPage() {
  const { t } = useTranslation();
  const fmt = useZonedFormat();
  const list = useListParams<RequestSortField, (typeof REQUEST_LIST_FILTERS)[number]>({ sortBy: 'receivedAt', filters: REQUEST_LIST_FILTERS });
  const query = useCall('requests:list', requestsListInput(list));
  const data = query.data;

  return (
    <Stack gap="md">
      <ListHeader title={t('requests:title')} subtitle={t('requests:subtitle')}>
        <Group>
          <Allowed channel="requests:purge">
            <PurgeButton />
          </Allowed>
          <Button variant="default" leftSection={<IconCalendar size={16} />} component={Link} to="/requests/calendar">
            {t('requests:calendar.title')}
          </Button>
          <Allowed channel="requests:create">
            <Button leftSection={<IconPlus size={16} />} component={Link} to="/requests/new" title={t('requests:newShortcut')}>
              {t('requests:new')}
            </Button>
          </Allowed>
        </Group>
      </ListHeader>

      <MyRequests />

      <Paper withBorder p="md">
        <ListSearchBar list={list} label={t('requests:searchLabel')} hint={t('requests:searchHint')} width={300}>
          <ListFilter list={list} name="status" label={t('requests:filters.status')} values={REQUEST_STATUSES} labelPrefix="requests:status" width={190} />
          <ListFilter list={list} name="kind" label={t('requests:filters.kind')} values={REQUEST_KINDS} labelPrefix="requests:kind" width={190} />
          <ListFilter list={list} name="channel" label={t('requests:filters.channel')} values={REQUEST_CHANNELS} labelPrefix="requests:channel" width={150} />
          <ListFilter list={list} name="due" label={t('requests:filters.due')} values={DUE_WINDOWS} labelPrefix="requests:due" width={170} />
        </ListSearchBar>

        <ListTable
          caption={t('requests:table.caption')}
          minWidth={900}
          page={data}
          error={query.error}
          list={list}
          head={
            <>
              <SortableTh field="reference" sort={list.sort} onSort={list.setSort}>
                {t('requests:table.reference')}
              </SortableTh>
              <SortableTh field="receivedAt" sort={list.sort} onSort={list.setSort}>
                {t('requests:table.received')}
              </SortableTh>
              <Table.Th>{t('requests:table.requester')}</Table.Th>
              <SortableTh field="kind" sort={list.sort} onSort={list.setSort}>
                {t('requests:table.kind')}
              </SortableTh>
              <Table.Th>{t('requests:table.channel')}</Table.Th>
              <SortableTh field="status" sort={list.sort} onSort={list.setSort}>
                {t('requests:table.status')}
              </SortableTh>
              <SortableTh field="dueAt" sort={list.sort} onSort={list.setSort}>
                {t('requests:table.due')}
              </SortableTh>
              <Table.Th>{t('requests:table.deadline')}</Table.Th>
            </>
          }
        >
          {/* Keyed by position: turning the page refills the same 25 rows rather than replacing them. */}
          {data?.items.map((r, i) => <RequestRow key={i} request={r} fmt={fmt} />)}
        </ListTable>
      </Paper>
    </Stack>
  );
}

/**
 * One row of the list. Memoised: while the next page loads, the list re-renders with the rows it
 * already shows (the address changed, the data not yet), and those rows are left alone.
 */
const RequestRow = memo(function RequestRow({ request: r, fmt }: { request: RequestSummary; fmt: (iso: string | null) => string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table.Tr onDoubleClick={() => navigate(`/requests/${r.id}`)}>
      <Table.Td>
        <Anchor component={Link} to={`/requests/${r.id}`} ff="monospace" size="sm">
          {r.reference}
        </Anchor>
      </Table.Td>
      <Table.Td>{fmt(r.receivedAt)}</Table.Td>
      <Table.Td>{r.requesterName || t('common:none')}</Table.Td>
      <Table.Td>{t(`requests:kind.${r.kind}`)}</Table.Td>
      <Table.Td>{t(`requests:channel.${r.channel}`)}</Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[r.status]} variant="light">
          {t(`requests:status.${r.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{r.deadline.dueDate ? formatLocalDate(r.deadline.dueDate, i18n.language) : t('common:none')}</Table.Td>
      <Table.Td>
        <DeadlineBadge deadline={r.deadline} status={r.status} />
      </Table.Td>
    </Table.Tr>
  );
});

/** Anonymises requester details past the retention period, after showing how many and asking. */
function PurgeButton() {
  const { t, i18n } = useTranslation();
  const fmt = useZonedFormat();
  const [opened, modal] = useDisclosure(false);
  const [preview, setPreview] = useState<PurgeResult | null>(null);
  const purge = useWrite('requests:purge');
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconEraser size={16} />}
        onClick={async () => {
          try {
            setPreview(await call('requests:purge', { dryRun: true }));
            modal.open();
          } catch (e) {
            notifyError(t, e);
          }
        }}
      >
        {t('requests:purge.button')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('requests:purge.title')}>
        <Text size="sm">
          {preview && preview.anonymised > 0
            ? t('requests:purge.confirm', { count: preview.anonymised, cutoff: fmt(preview.cutoff) })
            : t('requests:purge.nothing')}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={modal.close}>
            {/* With nothing to anonymise there is nothing to cancel: the dialog only closes. */}
            {preview && preview.anonymised > 0 ? t('common:actions.cancel') : t('common:actions.close')}
          </Button>
          {preview && preview.anonymised > 0 && (
            <Button
              color="red"
              loading={purge.isPending}
              onClick={() =>
                purge.mutate(
                  { dryRun: false },
                  {
                    onSuccess: (r) => {
                      modal.close();
                      notifySuccess(t('requests:purge.done', { count: r.anonymised }));
                    },
                    onError: (e) => notifyError(t, e),
                  },
                )
              }
            >
              {t('common:actions.confirm')}
            </Button>
          )}
        </Group>
      </Modal>
    </>
  );
}
