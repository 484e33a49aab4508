import { Anchor, Button, Paper, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RECORD_STATUSES, type RecordStatus } from '@shared/domain/categories';
import { SDK_PLATFORMS, type SdkPlatform, type SdkSortField } from '@shared/domain/sdks';
import { useCall } from '../../api/hooks';
import { SortableTh } from '../../components/ListControls';
import { useDayFormat } from '../../components/format';
import { RecordStatusBadge } from '../../components/RecordActions';
import { ListFilter, ListHeader, ListSearchBar, ListTable } from '../../components/RegisterList';
import { useListParams } from '../../components/useListParams';
import { ResultBadge } from './ResultBadge';
import { Allowed } from '../../app/session';

const FILTERS = ['platform', 'status'] as const;

export function SdksListPage() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const list = useListParams<SdkSortField, (typeof FILTERS)[number]>({ sortBy: 'name', filters: FILTERS });
  const query = useCall('sdks:list', {
    page: list.page,
    pageSize: list.pageSize,
    sortBy: list.sort.by,
    sortDir: list.sort.dir,
    search: list.search,
    platform: (list.filters.platform as SdkPlatform | null) ?? undefined,
    status: (list.filters.status as RecordStatus | null) ?? undefined,
  });
  const data = query.data;
  return (
    <Stack gap="md">
      <ListHeader title={t('sdks:title')} subtitle={t('sdks:subtitle')}>
        <Allowed channel="sdks:create">
<Button leftSection={<IconPlus size={16} />} component={Link} to="/sdks/new">
          {t('sdks:new')}
        </Button>
</Allowed>
      </ListHeader>
      <Paper withBorder p="md">
        <ListSearchBar list={list} label={t('sdks:searchLabel')} hint={t('sdks:searchHint')} width={260}>
          <ListFilter list={list} name="platform" label={t('sdks:filters.platform')} values={SDK_PLATFORMS} labelPrefix="sdks:platform" width={160} />
          <ListFilter list={list} name="status" label={t('sdks:filters.status')} values={RECORD_STATUSES} labelPrefix="common:status" width={140} />
        </ListSearchBar>
        <ListTable
          caption={t('sdks:table.caption')}
          minWidth={900}
          page={data}
          error={query.error}
          list={list}
          head={
            <>
              <SortableTh field="name" sort={list.sort} onSort={list.setSort}>
                {t('sdks:table.name')}
              </SortableTh>
              <SortableTh field="vendor" sort={list.sort} onSort={list.setSort}>
                {t('sdks:table.vendor')}
              </SortableTh>
              <SortableTh field="platform" sort={list.sort} onSort={list.setSort}>
                {t('sdks:table.platform')}
              </SortableTh>
              <Table.Th>{t('sdks:table.lastVersion')}</Table.Th>
              <SortableTh field="lastReviewedOn" sort={list.sort} onSort={list.setSort}>
                {t('sdks:table.lastReviewedOn')}
              </SortableTh>
              <Table.Th>{t('sdks:table.lastResult')}</Table.Th>
              <Table.Th>{t('sdks:table.nextReviewDue')}</Table.Th>
              <Table.Th>{t('sdks:table.status')}</Table.Th>
            </>
          }
        >
          {data?.items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Anchor component={Link} to={`/sdks/${s.id}`} size="sm">
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{s.vendorName}</Table.Td>
              <Table.Td>{t(`sdks:platform.${s.platform}`)}</Table.Td>
              <Table.Td>{s.lastVersion ?? t('common:none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.lastReviewedOn ? day(s.lastReviewedOn) : t('sdks:noReviews')}</Table.Td>
              <Table.Td>{s.lastResult ? <ResultBadge result={s.lastResult} /> : t('common:none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.nextReviewDue ? day(s.nextReviewDue) : t('common:none')}</Table.Td>
              <Table.Td>
                <RecordStatusBadge status={s.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </Paper>
    </Stack>
  );
}
