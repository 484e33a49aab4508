import { Anchor, Badge, Button, Grid, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Partner } from '@shared/domain/partners';
import { useCall, useWrite } from '../../api/hooks';
import { AuditHistory } from '../../components/AuditHistory';
import { ClauseText } from '../../components/ClauseText';
import { DetailField } from '../../components/DetailField';
import { useZonedFormat } from '../../components/format';
import { FlowsPanel } from './FlowsPanel';
import { AgreementStatusBadge } from '../Agreements/AgreementStatusBadge';
import { DeleteAction, EditAction, RecordHeader, RecordStatusBadge, RetireAction } from '../../components/RecordActions';
import { Loaded, unread } from '../../components/Loaded';
import { ListFailed } from '../../components/RegisterList';

export function PartnerDetailPage() {
  const { id } = useParams();
  const query = useCall('partners:get', { id: Number(id) });
  return <Loaded query={query}>{(partner) => <Detail partner={partner} />}</Loaded>;
}

function Detail({ partner: p }: { partner: Partner }) {
  const { t } = useTranslation();
  const formatWhen = useZonedFormat();
  const setStatus = useWrite('partners:setStatus');
  const remove = useWrite('partners:delete');
  const words = { ns: 'partners' as const, params: { name: p.name } };
  const agreements = useCall('agreements:list', { partnerId: p.id, pageSize: 50 });
  const sdks = useCall('sdks:list', { vendorPartnerId: p.id, pageSize: 50 });
  const f = (name: string) => t(`partners:fields.${name}`);
  return (
    <Stack>
      <RecordHeader
        title={p.name}
        badges={
          <>
            <RecordStatusBadge status={p.status} />
            <Badge variant="outline">{t(`partners:role.${p.role}`)}</Badge>
          </>
        }
        back="/partners"
      >
        <EditAction channel="partners:update" to={`/partners/${p.id}/edit`} />
        <RetireAction status={p.status} words={words} onChange={(status) => setStatus.mutateAsync({ id: p.id, revision: p.revision, status })} />
        <DeleteAction words={words} onDelete={() => remove.mutateAsync({ id: p.id, revision: p.revision })} afterDelete="/partners" />
      </RecordHeader>
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
                <DetailField label={f('updatedAt')}>{formatWhen(p.updatedAt)}</DetailField>
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
              {unread(agreements) ? (
                <ListFailed read={agreements} />
              ) : agreements.data && agreements.data.total === 0 ? (
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
                        <AgreementStatusBadge agreement={a} />
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
              {unread(sdks) ? (
                <ListFailed read={sdks} />
              ) : sdks.data && sdks.data.total === 0 ? (
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
    </Stack>
  );
}
