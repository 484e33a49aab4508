import { Anchor, Button, Paper, Stack, Table } from '@mantine/core';
import { IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type AgreementKind, type AgreementSortField, type AgreementStatus } from '@shared/domain/agreements';
import { useCall } from '../../api/hooks';
import { SortableTh } from '../../components/ListControls';
import { useDayFormat } from '../../components/format';
import { ListFilter, ListHeader, ListSearchBar, ListTable } from '../../components/RegisterList';
import { useListParams } from '../../components/useListParams';
import { AgreementStatusBadge } from './AgreementStatusBadge';
import { Allowed } from '../../app/session';

const FILTERS = ['kind', 'status'] as const;

export function AgreementsListPage() {
  const { t } = useTranslation();
  const day = useDayFormat();
  const list = useListParams<AgreementSortField, (typeof FILTERS)[number]>({ sortBy: 'expiresOn', filters: FILTERS });
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
      <ListHeader title={t('agreements:title')} subtitle={t('agreements:subtitle')}>
        <Allowed channel="agreements:create">
<Button leftSection={<IconPlus size={16} />} component={Link} to="/agreements/new">
          {t('agreements:new')}
        </Button>
</Allowed>
      </ListHeader>
      <Paper withBorder p="md">
        <ListSearchBar list={list} label={t('agreements:searchLabel')} hint={t('agreements:searchHint')} width={260}>
          <ListFilter list={list} name="kind" label={t('agreements:filters.kind')} values={AGREEMENT_KINDS} labelPrefix="agreements:kind" width={240} />
          <ListFilter list={list} name="status" label={t('agreements:filters.status')} values={AGREEMENT_STATUSES} labelPrefix="agreements:status" width={160} />
        </ListSearchBar>
        <ListTable
          caption={t('agreements:table.caption')}
          minWidth={800}
          page={data}
          error={query.error}
          list={list}
          head={
            <>
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
            </>
          }
        >
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
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.signedOn ? day(a.signedOn) : t('common:none')}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.expiresOn ? day(a.expiresOn) : t('agreements:openEnded')}</Table.Td>
              <Table.Td>
                <AgreementStatusBadge agreement={a} />
              </Table.Td>
              <Table.Td>{a.hasDocument ? <IconPaperclip size={16} aria-label={t('agreements:fields.document')} /> : t('common:none')}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </Paper>
    </Stack>
  );
}
