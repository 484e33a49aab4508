import { Anchor, Badge, Button, Paper, Stack, Table } from '@mantine/core';
import { Select } from '../../components/Select';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CATEGORY_STAGES, RECORD_STATUSES, type CategorySortField, type CategoryStage, type RecordStatus } from '@shared/domain/categories';
import { useCall } from '../../api/hooks';
import { SortableTh } from '../../components/ListControls';
import { RecordStatusBadge } from '../../components/RecordActions';
import { ListFilter, ListHeader, ListSearchBar, ListTable } from '../../components/RegisterList';
import { useListParams } from '../../components/useListParams';
import { Allowed } from '../../app/session';

const FILTERS = ['stage', 'sensitive', 'status'] as const;

export function CategoriesListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useListParams<CategorySortField, (typeof FILTERS)[number]>({ sortBy: 'code', filters: FILTERS });

  const query = useCall('categories:list', {
    page: list.page,
    pageSize: list.pageSize,
    sortBy: list.sort.by,
    sortDir: list.sort.dir,
    search: list.search,
    stage: (list.filters.stage as CategoryStage | null) ?? undefined,
    status: (list.filters.status as RecordStatus | null) ?? undefined,
    sensitive: list.filters.sensitive === null ? undefined : list.filters.sensitive === 'true',
  });
  const data = query.data;

  return (
    <Stack gap="md">
      <ListHeader title={t('categories:title')} subtitle={t('categories:subtitle')}>
        <Allowed channel="categories:create">
<Button leftSection={<IconPlus size={16} />} component={Link} to="/categories/new">
          {t('categories:new')}
        </Button>
</Allowed>
      </ListHeader>

      <Paper withBorder p="md">
        <ListSearchBar list={list} label={t('categories:searchLabel')} width={280}>
          <ListFilter list={list} name="stage" label={t('categories:filters.stage')} values={CATEGORY_STAGES} labelPrefix="categories:stage" width={190} />
          <Select
            label={t('categories:filters.sensitive')}
            data={[
              { value: 'true', label: t('categories:filters.onlySensitive') },
              { value: 'false', label: t('categories:filters.onlyOrdinary') },
            ]}
            value={list.filters.sensitive}
            onChange={(v) => list.setFilter('sensitive', v)}
            clearable
            placeholder={t('common:all')}
            w={160}
          />
          <ListFilter list={list} name="status" label={t('categories:filters.status')} values={RECORD_STATUSES} labelPrefix="common:status" width={140} />
        </ListSearchBar>

        <ListTable
          caption={t('categories:table.caption')}
          minWidth={800}
          page={data}
          error={query.error}
          list={list}
          head={
            <>
              <SortableTh field="code" sort={list.sort} onSort={list.setSort}>
                {t('categories:table.code')}
              </SortableTh>
              <SortableTh field="name" sort={list.sort} onSort={list.setSort}>
                {t('categories:table.name')}
              </SortableTh>
              <SortableTh field="stage" sort={list.sort} onSort={list.setSort}>
                {t('categories:table.stage')}
              </SortableTh>
              <Table.Th>{t('categories:table.sensitive')}</Table.Th>
              <Table.Th>{t('categories:table.legalBasis')}</Table.Th>
              <Table.Th>{t('categories:table.items')}</Table.Th>
              <Table.Th>{t('categories:table.clause')}</Table.Th>
              <Table.Th>{t('categories:table.status')}</Table.Th>
            </>
          }
        >
          {data?.items.map((c) => (
            <Table.Tr key={c.id} onDoubleClick={() => navigate(`/categories/${c.id}`)}>
              <Table.Td>
                <Anchor component={Link} to={`/categories/${c.id}`} ff="monospace" size="sm">
                  {c.code}
                </Anchor>
              </Table.Td>
              <Table.Td>{c.name}</Table.Td>
              <Table.Td>{t(`categories:stage.${c.stage}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {c.sensitive ? (
                  <Badge color="orange" variant="light" style={{ overflow: 'visible' }}>
                    {t(`categories:sensitiveKind.${c.sensitiveKind ?? 'other'}`)}
                  </Badge>
                ) : (
                  t('common:no')
                )}
              </Table.Td>
              <Table.Td>{t(`categories:legalBasis.${c.legalBasis}`)}</Table.Td>
              <Table.Td>{c.dataItemCount}</Table.Td>
              <Table.Td>{c.policyClause || t('common:none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RecordStatusBadge status={c.status} style={{ overflow: 'visible' }} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </Paper>
    </Stack>
  );
}
