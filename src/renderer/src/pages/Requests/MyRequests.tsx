import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { Select } from '../../components/Select';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Request } from '@shared/domain/requests';
import { formatLocalDate } from '@shared/time';
import { useCall, useWrite } from '../../api/hooks';
import { notifyError, notifySuccess } from '../../components/notify';
import { useCan, useSession } from '../../app/session';
import { ListFailed } from '../../components/RegisterList';
import { unread } from '../../components/Loaded';

/** The desk's "my requests": the open requests assigned to the person at the workbench, soonest due first. */
export function MyRequests() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const mine = useCall('requests:mine', { pageSize: 20 }, { enabled: !!session?.person });
  if (!session?.person) return null;
  const items = mine.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="my-requests-title" data-testid="my-requests">
      <Title order={3} size="h5" id="my-requests-title" mb="sm">
        {mine.data ? t('people:mine.titleCount', { count: mine.data.total }) : t('people:mine.title')}
      </Title>
      {unread(mine) ? (
        <ListFailed read={mine} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people:mine.empty')}
        </Text>
      ) : (
        <Table aria-labelledby="my-requests-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('requests:table.reference')}</Table.Th>
              <Table.Th>{t('requests:table.requester')}</Table.Th>
              <Table.Th>{t('requests:table.kind')}</Table.Th>
              <Table.Th>{t('requests:table.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${r.id}`}>
                    {r.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.requesterName}</Table.Td>
                <Table.Td>{t(`requests:kind.${r.kind}`)}</Table.Td>
                <Table.Td>{r.deadline.dueDate ? formatLocalDate(r.deadline.dueDate, i18n.language) : t('requests:badge.unknown')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

/** Who the request is assigned to: a choice among the register's people, for those who may assign. */
export function AssigneeField({ request }: { request: Request }) {
  const { t } = useTranslation();
  const session = useSession();
  const allowed = useCan('requests:assign');
  const assign = useWrite('requests:assign');
  const people = session?.people ?? [];
  const nameOf = (signIn: string) => people.find((p) => p.signInName === signIn)?.displayName ?? signIn;
  if (!allowed || people.length === 0 || request.anonymisedAt) return <>{request.assignee ? nameOf(request.assignee) : t('people:assign.nobody')}</>;
  const known = people.some((p) => p.signInName === request.assignee);
  return (
    <Select
      label={t('people:assign.label')}
      size="xs"
      w={240}
      allowDeselect={false}
      data={[
        { value: '', label: t('people:assign.nobody') },
        ...(request.assignee && !known ? [{ value: request.assignee, label: request.assignee }] : []),
        ...people.map((p) => ({ value: p.signInName, label: p.displayName })),
      ]}
      value={request.assignee}
      onChange={(v) =>
        v !== null &&
        assign.mutate({ id: request.id, revision: request.revision, assignee: v }, { onSuccess: () => notifySuccess(t('people:assign.done')), onError: (e) => notifyError(t, e) })
      }
    />
  );
}
