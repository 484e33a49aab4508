import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPaperclip, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementKind,
  type AgreementSortField,
  type AgreementStatus,
} from '@shared/domain/agreements';
import { useCall } from '../../api/hooks';
import { EnumSelect } from '../../components/EnumSelect';
import { PagingFooter, SortableTh } from '../../components/ListControls';
import { useListParams } from '../../components/useListParams';
import { AgreementStatusBadge } from './AgreementStatusBadge';

const FILTERS = ['kind', 'status'] as const;

export function AgreementsListPage() {
  const { t } = useTranslation();
  const list = useListParams<AgreementSortField, (typeof FILTERS)[number]>({ sortBy: 'expiresOn', filters: FILTERS });
  const [searchText, setSearchText] = useState(list.search);
  const commitSearch = useDebouncedCallback((q: string) => list.setSearch(q), 250);
  const query = useCall('agreements:list', {
    page: list.page,
    pageSize: list.pageSize,
    sortBy: list.sort.by,
    sortDir: list.sort.dir,
    search: list.search,
    kind: (list.filters.kind as AgreementKind | null) ?? undefined,
    status: (list.filters.status as AgreementStatus | null) ?? undefined,
  });
  const data = query.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('agreements:title')}</Title>
          <Text c="dimmed" size="sm">
            {t('agreements:subtitle')}
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} component={Link} to="/agreements/new">
          {t('agreements:new')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Group align="flex-end" gap="md" mb="md" role="search">
          <TextInput
            label={t('agreements:searchLabel')}
            leftSection={<IconSearch size={16} />}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.currentTarget.value);
              commitSearch(e.currentTarget.value);
            }}
            w={260}
            type="search"
          />
          <EnumSelect
            label={t('agreements:filters.kind')}
            values={AGREEMENT_KINDS}
            labelPrefix="agreements:kind"
            value={list.filters.kind as AgreementKind | null}
            onChange={(v) => list.setFilter('kind', v)}
            clearable
            placeholder={t('common:all')}
            w={240}
          />
          <EnumSelect
            label={t('agreements:filters.status')}
            values={AGREEMENT_STATUSES}
            labelPrefix="agreements:status"
            value={list.filters.status as AgreementStatus | null}
            onChange={(v) => list.setFilter('status', v)}
            clearable
            placeholder={t('common:all')}
            w={160}
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
            <Table.Caption>{t('agreements:table.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="referenceNo" sort={list.sort} onSort={list.setSort}>
                  {t('agreements:table.reference')}
                </SortableTh>
                <SortableTh field="partner" sort={list.sort} onSort={list.setSort}>
                  {t('agreements:table.partner')}
                </SortableTh>
                <Table.Th>{t('agreements:table.kind')}</Table.Th>
                <SortableTh field="signedOn" sort={list.sort} onSort={list.setSort}>
                  {t('agreements:table.signedOn')}
                </SortableTh>
                <SortableTh field="expiresOn" sort={list.sort} onSort={list.setSort}>
                  {t('agreements:table.expiresOn')}
                </SortableTh>
                <Table.Th>{t('agreements:table.status')}</Table.Th>
                <Table.Th>{t('agreements:table.document')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/agreements/${a.id}`} size="sm">
                      {a.referenceNo}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/partners/${a.partnerId}`} size="sm" c="dark">
                      {a.partnerName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`agreements:kind.${a.kind}`)}</Table.Td>
                  <Table.Td>{a.signedOn ?? t('common:none')}</Table.Td>
                  <Table.Td>{a.expiresOn ?? t('agreements:openEnded')}</Table.Td>
                  <Table.Td>
                    <AgreementStatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>{a.hasDocument ? <IconPaperclip size={16} aria-label={t('agreements:fields.document')} /> : t('common:none')}</Table.Td>
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
