import { Alert, Anchor, Badge, Button, Grid, Group, List, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconEdit, IconRestore, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Partner } from '@shared/domain/partners';
import { useCall, useWrite } from '../../api/hooks';
import { AuditHistory } from '../../components/AuditHistory';
import { ClauseText } from '../../components/ClauseText';
import { ConfirmModal, notifyRefused } from '../../components/ConfirmModal';
import { DetailField } from '../../components/DetailField';
import { formatInstant } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { FlowsPanel } from './FlowsPanel';
import { AgreementStatusBadge } from '../Agreements/AgreementStatusBadge';

export function PartnerDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useCall('partners:get', { id: Number(id) });
  if (query.isError) {
    return (
      <Alert color="red" title={t('common:errorTitle')}>
        {query.error.message}
      </Alert>
    );
  }
  if (!query.data) return <Loader aria-label={t('common:loading')} />;
  return <Detail partner={query.data} />;
}

function Detail({ partner: p }: { partner: Partner }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const setStatus = useWrite('partners:setStatus');
  const remove = useWrite('partners:delete');
  const [retireOpen, retire] = useDisclosure(false);
  const [deleteOpen, del] = useDisclosure(false);
  const agreements = useCall('agreements:list', { partnerId: p.id, pageSize: 50 });
  const sdks = useCall('sdks:list', { vendorPartnerId: p.id, pageSize: 50 });
  const f = (name: string) => t(`partners:fields.${name}`);
  const changeStatus = (status: 'active' | 'retired') =>
    setStatus.mutate(
      { id: p.id, revision: p.revision, status },
      {
        onSuccess: () => {
          retire.close();
          notifySuccess(t(status === 'retired' ? 'partners:retired' : 'partners:reactivated', { name: p.name }));
        },
        onError: (e) => notifyError(t, e),
      },
    );
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{p.name}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={p.status === 'active' ? 'teal' : 'gray'} variant="light">
              {t(`common:status.${p.status}`)}
            </Badge>
            <Badge variant="outline">{t(`partners:role.${p.role}`)}</Badge>
          </Group>
        </div>
        <Group>
          <Button variant="default" component={Link} to="/partners">
            {t('common:actions.back')}
          </Button>
          <Button leftSection={<IconEdit size={16} />} component={Link} to={`/partners/${p.id}/edit`}>
            {t('common:actions.edit')}
          </Button>
          {p.status === 'active' ? (
            <Button variant="light" color="gray" leftSection={<IconArchive size={16} />} onClick={retire.open}>
              {t('common:actions.retire')}
            </Button>
          ) : (
            <Button variant="light" leftSection={<IconRestore size={16} />} onClick={() => changeStatus('active')} loading={setStatus.isPending}>
              {t('common:actions.reactivate')}
            </Button>
          )}
          <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={del.open}>
            {t('common:actions.delete')}
          </Button>
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="md" verticalSpacing="md" m={0}>
                <DetailField label={f('role')}>{t(`partners:role.${p.role}`)}</DetailField>
                <DetailField label={f('countryRegion')}>{p.countryRegion}</DetailField>
                <DetailField label={f('sharingBasis')}>{t(`partners:sharingBasis.${p.sharingBasis}`)}</DetailField>
                <DetailField label={f('contact')}>{p.contact || t('common:none')}</DetailField>
                <DetailField label={f('policyClause')}>{p.policyClause || t('common:none')}</DetailField>
                <DetailField label={f('updatedAt')}>{formatInstant(p.updatedAt, i18n.language)}</DetailField>
              </SimpleGrid>
              {p.notes && (
                <Stack mt="md" component="dl" m={0}>
                  <DetailField label={f('notes')}>{p.notes}</DetailField>
                </Stack>
              )}
            </Paper>
            <FlowsPanel side={{ partnerId: p.id }} canAdd={p.status === 'active'} />
            <Paper withBorder p="md" component="section" aria-labelledby="partner-agreements">
              <Group justify="space-between" mb="sm">
                <Title order={3} size="h5" id="partner-agreements">
                  {t('partners:agreementsTitle')}
                </Title>
                <Button size="xs" variant="light" component={Link} to={`/agreements/new?partner=${p.id}`}>
                  {t('agreements:new')}
                </Button>
              </Group>
              {agreements.data && agreements.data.total === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('partners:noAgreements')}
                </Text>
              ) : (
                <List spacing={4} size="sm">
                  {agreements.data?.items.map((a) => (
                    <List.Item key={a.id}>
                      <Group gap="xs">
                        <Anchor component={Link} to={`/agreements/${a.id}`} size="sm">
                          {a.referenceNo}
                        </Anchor>
                        <Text size="sm">{t(`agreements:kind.${a.kind}`)}</Text>
                        <AgreementStatusBadge status={a.status} />
                      </Group>
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="partner-sdks">
              <Title order={3} size="h5" id="partner-sdks" mb="sm">
                {t('partners:sdksTitle')}
              </Title>
              {sdks.data && sdks.data.total === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('partners:noSdks')}
                </Text>
              ) : (
                <List spacing={4} size="sm">
                  {sdks.data?.items.map((s) => (
                    <List.Item key={s.id}>
                      <Anchor component={Link} to={`/sdks/${s.id}`} size="sm">
                        {s.name} · {t(`sdks:platform.${s.platform}`)}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ClauseText number={p.policyClause} />
            <AuditHistory entity="partner" entityId={p.id} fieldPrefix="partners:fields" />
          </Stack>
        </Grid.Col>
      </Grid>
      <ConfirmModal
        opened={retireOpen}
        onClose={retire.close}
        title={t('partners:retire.title', { name: p.name })}
        body={t('partners:retire.body')}
        action={t('common:actions.retire')}
        color="gray"
        loading={setStatus.isPending}
        onConfirm={() => changeStatus('retired')}
      />
      <ConfirmModal
        opened={deleteOpen}
        onClose={del.close}
        title={t('partners:delete.title', { name: p.name })}
        body={t('partners:delete.body')}
        action={t('common:actions.delete')}
        loading={remove.isPending}
        onConfirm={() =>
          remove.mutate(
            { id: p.id, revision: p.revision },
            {
              onSuccess: () => {
                notifySuccess(t('partners:deleted', { name: p.name }));
                navigate('/partners');
              },
              onError: (e) => {
                del.close();
                notifyRefused(t, e);
              },
            },
          )
        }
      />
    </Stack>
  );
}
