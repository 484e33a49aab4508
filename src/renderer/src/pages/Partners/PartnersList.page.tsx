import { Anchor, Button, Paper, Stack, Table } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RECORD_STATUSES, type RecordStatus } from '@shared/domain/categories';
import { PARTNER_ROLES, type PartnerRole, type PartnerSortField } from '@shared/domain/partners';
import { useCall } from '../../api/hooks';
import { SortableTh } from '../../components/ListControls';
import { RecordStatusBadge } from '../../components/RecordActions';
import { ListFilter, ListHeader, ListSearchBar, ListTable } from '../../components/RegisterList';
import { useListParams } from '../../components/useListParams';
import { Allowed } from '../../app/session';

const FILTERS = ['role', 'status'] as const;

export function PartnersListPage() {
  const { t } = useTranslation();
  const list = useListParams<PartnerSortField, (typeof FILTERS)[number]>({ sortBy: 'name', filters: FILTERS });
  const query = useCall('partners:list', {
    page: list.page,
    pageSize: list.pageSize,
    sortBy: list.sort.by,
    sortDir: list.sort.dir,
    search: list.search,
    role: (list.filters.role as PartnerRole | null) ?? undefined,
    status: (list.filters.status as RecordStatus | null) ?? undefined,
  });
  const data = query.data;
  return (
    <Stack gap="md">
      <ListHeader title={t('partners:title')} subtitle={t('partners:subtitle')}>
        <Allowed channel="partners:create">
<Button leftSection={<IconPlus size={16} />} component={Link} to="/partners/new">
          {t('partners:new')}
        </Button>
</Allowed>
      </ListHeader>
      <Paper withBorder p="md">
        <ListSearchBar list={list} label={t('partners:searchLabel')} hint={t('partners:searchHint')} width={280}>
          <ListFilter list={list} name="role" label={t('partners:filters.role')} values={PARTNER_ROLES} labelPrefix="partners:role" width={240} />
          <ListFilter list={list} name="status" label={t('partners:filters.status')} values={RECORD_STATUSES} labelPrefix="common:status" width={140} />
        </ListSearchBar>
        <ListTable
          caption={t('partners:table.caption')}
          minWidth={800}
          page={data}
          error={query.error}
          list={list}
          head={
            <>
              <SortableTh field="name" sort={list.sort} onSort={list.setSort}>
                {t('partners:table.name')}
              </SortableTh>
              <SortableTh field="role" sort={list.sort} onSort={list.setSort}>
                {t('partners:table.role')}
              </SortableTh>
              <SortableTh field="countryRegion" sort={list.sort} onSort={list.setSort}>
                {t('partners:table.countryRegion')}
              </SortableTh>
              <Table.Th>{t('partners:table.sharingBasis')}</Table.Th>
              <Table.Th>{t('partners:table.flows')}</Table.Th>
              <Table.Th>{t('partners:table.clause')}</Table.Th>
              <Table.Th>{t('partners:table.status')}</Table.Th>
            </>
          }
        >
          {data?.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/partners/${p.id}`} size="sm">
                  {p.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`partners:role.${p.role}`)}</Table.Td>
              <Table.Td>{p.countryRegion}</Table.Td>
              <Table.Td>{t(`partners:sharingBasis.${p.sharingBasis}`)}</Table.Td>
              <Table.Td>{p.flowCount}</Table.Td>
              <Table.Td>{p.policyClause || t('common:none')}</Table.Td>
              <Table.Td>
                <RecordStatusBadge status={p.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </Paper>
    </Stack>
  );
}
