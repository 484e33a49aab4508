import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCall } from '../../api/hooks';
import { PagingFooter } from '../../components/ListControls';

/** `/gaps/:checkId`: the records one check concerns, each linking to where it is fixed. */
export function GapListPage() {
  const { checkId } = useParams();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useCall('gaps:list', { checkId: checkId ?? '', page, pageSize });
  if (query.isError) {
    return (
      <Alert color="red" title={t('common:errorTitle')}>
        {query.error.message}
      </Alert>
    );
  }
  const data = query.data;
  if (!data) return <Loader aria-label={t('common:loading')} />;
  // A code's label arrives as its i18n key (`partners:role.advertising_provider`); other details are plain text.
  const detail = (d: string) => (/^[a-z]+:[\w.-]+$/i.test(d) ? t(d) : d);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t(data.check.titleKey)}</Title>
          <Text size="sm" c="dimmed">
            {t(`gaps:register.${data.check.register}`)}
          </Text>
        </div>
        <Button variant="default" component={Link} to="/">
          {t('gaps:back')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Table striped verticalSpacing="xs">
          <Table.Caption>{t('gaps:caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('gaps:record')}</Table.Th>
              <Table.Th>{t('gaps:detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => (
              <Table.Tr key={`${item.entity}-${item.id}-${item.label}`}>
                <Table.Td>
                  <Anchor component={Link} to={item.path} size="sm">
                    {item.label}
                  </Anchor>
                </Table.Td>
                <Table.Td>{detail(item.detail)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.total === 0 && (
          <Text c="dimmed" ta="center" py="lg">
            {t('gaps:none')}
          </Text>
        )}
        <PagingFooter
          page={data.page}
          pageSize={data.pageSize}
          total={data.total}
          onPage={setPage}
          onPageSize={(s) => {
            setPageSize(s);
            setPage(1);
          }}
        />
      </Paper>
    </Stack>
  );
}
