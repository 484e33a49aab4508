import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RECORD_STATUSES, type RecordStatus } from '@shared/domain/categories';
import { SDK_PLATFORMS, type SdkPlatform, type SdkSortField } from '@shared/domain/sdks';
import { useCall } from '../../api/hooks';
import { EnumSelect } from '../../components/EnumSelect';
import { PagingFooter, SortableTh } from '../../components/ListControls';
import { useListParams } from '../../components/useListParams';
import { ResultBadge } from './ResultBadge';

const FILTERS = ['platform', 'status'] as const;

export function SdksListPage() {
  const { t } = useTranslation();
  const list = useListParams<SdkSortField, (typeof FILTERS)[number]>({ sortBy: 'name', filters: FILTERS });
  const [searchText, setSearchText] = useState(list.search);
  const commitSearch = useDebouncedCallback((q: string) => list.setSearch(q), 250);
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
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('sdks:title')}</Title>
          <Text c="dimmed" size="sm">
            {t('sdks:subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} component={Link} to="/sdks/new">
          {t('sdks:new')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md" mb="md" role="search">
          <TextInput
            label={t('sdks:searchLabel')}
            leftSection={<IconSearch size={16} />}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.currentTarget.value);
              commitSearch(e.currentTarget.value);
            }}
            w={260}
            type="search"
          />
          <EnumSelect label={t('sdks:filters.platform')} values={SDK_PLATFORMS} labelPrefix="sdks:platform" value={list.filters.platform as SdkPlatform | null} onChange={(v) => list.setFilter('platform', v)} clearable placeholder={t('common:all')} w={160} />
          <EnumSelect label={t('sdks:filters.status')} values={RECORD_STATUSES} labelPrefix="common:status" value={list.filters.status as RecordStatus | null} onChange={(v) => list.setFilter('status', v)} clearable placeholder={t('common:all')} w={140} />
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
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Caption>{t('sdks:table.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
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
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
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
                  <Table.Td>{s.lastReviewedOn ?? t('sdks:noReviews')}</Table.Td>
                  <Table.Td>{s.lastResult ? <ResultBadge result={s.lastResult} /> : t('common:none')}</Table.Td>
                  <Table.Td>{s.nextReviewDue ?? t('common:none')}</Table.Td>
                  <Table.Td>
                    <Badge color={s.status === 'active' ? 'teal' : 'gray'} variant="light">
                      {t(`common:status.${s.status}`)}
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
