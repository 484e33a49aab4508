import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RECORD_STATUSES, type RecordStatus } from '@shared/domain/categories';
import { PARTNER_ROLES, type PartnerRole, type PartnerSortField } from '@shared/domain/partners';
import { useCall } from '../../api/hooks';
import { EnumSelect } from '../../components/EnumSelect';
import { PagingFooter, SortableTh } from '../../components/ListControls';
import { useListParams } from '../../components/useListParams';

const FILTERS = ['role', 'status'] as const;

export function PartnersListPage() {
  const { t } = useTranslation();
  const list = useListParams<PartnerSortField, (typeof FILTERS)[number]>({ sortBy: 'name', filters: FILTERS });
  const [searchText, setSearchText] = useState(list.search);
  const commitSearch = useDebouncedCallback((q: string) => list.setSearch(q), 250);
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
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('partners:title')}</Title>
          <Text c="dimmed" size="sm">
            {t('partners:subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} component={Link} to="/partners/new">
          {t('partners:new')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md" mb="md" role="search">
          <TextInput
            label={t('partners:searchLabel')}
            leftSection={<IconSearch size={16} />}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.currentTarget.value);
              commitSearch(e.currentTarget.value);
            }}
            w={280}
            type="search"
          />
          <EnumSelect
            label={t('partners:filters.role')}
            values={PARTNER_ROLES}
            labelPrefix="partners:role"
            value={list.filters.role as PartnerRole | null}
            onChange={(v) => list.setFilter('role', v)}
            clearable
            placeholder={t('common:all')}
            w={240}
          />
          <EnumSelect
            label={t('partners:filters.status')}
            values={RECORD_STATUSES}
            labelPrefix="common:status"
            value={list.filters.status as RecordStatus | null}
            onChange={(v) => list.setFilter('status', v)}
            clearable
            placeholder={t('common:all')}
            w={140}
          />
          <Button
            variant="subtle"
            onClick={() => {
              setSearchText('');
              list.clear();
            }}
          >
            {t('common:actions.clearFilters')}
          </Button>
        </Group>
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Caption>{t('partners:table.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
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
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
                    <Badge color={p.status === 'active' ? 'teal' : 'gray'} variant="light">
                      {t(`common:status.${p.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {data && data.total === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            {t('common:paging.empty')}
          </Text>
        )}
        {data && <PagingFooter page={data.page} pageSize={data.pageSize} total={data.total} onPage={list.setPage} onPageSize={list.setPageSize} />}
      </Paper>
    </Stack>
  );
}
