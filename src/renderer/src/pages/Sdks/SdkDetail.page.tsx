import { Anchor, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SDK_CHECKLIST, type Sdk } from '@shared/domain/sdks';
import { useCall, useWrite } from '../../api/hooks';
import { AuditHistory } from '../../components/AuditHistory';
import { ClauseText } from '../../components/ClauseText';
import { DetailField } from '../../components/DetailField';
import { useDayFormat } from '../../components/format';
import { ResultBadge } from './ResultBadge';
import { DeleteAction, EditAction, RecordHeader, RecordStatusBadge, RetireAction } from '../../components/RecordActions';
import { Loaded } from '../../components/Loaded';
import { Allowed } from '../../app/session';

export function SdkDetailPage() {
  const { id } = useParams();
  const query = useCall('sdks:get', { id: Number(id) });
  return <Loaded query={query}>{(sdk) => <Detail sdk={sdk} />}</Loaded>;
}

function Detail({ sdk: s }: { sdk: Sdk }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const setStatus = useWrite('sdks:setStatus');
  const remove = useWrite('sdks:delete');
  const words = { ns: 'sdks' as const, params: { name: s.name } };
  const f = (name: string) => t(`sdks:fields.${name}`);
  return (
    <Stack>
      <RecordHeader
        title={s.name}
        badges={
          <>
            <RecordStatusBadge status={s.status} />
            <Badge variant="outline">{t(`sdks:platform.${s.platform}`)}</Badge>
          </>
        }
        back="/sdks"
      >
        <Allowed channel="sdks:addReview">
          <Button leftSection={<IconPlus size={16} />} component={Link} to={`/sdks/${s.id}/reviews/new`}>
            {t('sdks:newReview')}
          </Button>
        </Allowed>
        <EditAction channel="sdks:update" to={`/sdks/${s.id}/edit`} variant="light" />
        <RetireAction status={s.status} words={words} onChange={(status) => setStatus.mutateAsync({ id: s.id, revision: s.revision, status })} />
        <DeleteAction words={words} onDelete={() => remove.mutateAsync({ id: s.id, revision: s.revision })} afterDelete="/sdks" />
      </RecordHeader>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="md" m={0}>
                <DetailField label={f('vendorPartnerId')}>
                  <Anchor component={Link} to={`/partners/${s.vendorPartnerId}`} size="sm">
                    {s.vendorName}
                  </Anchor>
                </DetailField>
                <DetailField label={f('platform')}>{t(`sdks:platform.${s.platform}`)}</DetailField>
                <DetailField label={f('purpose')}>{s.purpose}</DetailField>
                <DetailField label={f('policyClause')}>{s.policyClause || t('common:none')}</DetailField>
              </SimpleGrid>
            </Paper>
            <Paper withBorder p="md" component="section" aria-labelledby="sdk-reviews">
              <Title order={3} size="h5" id="sdk-reviews" mb="sm">
                {t('sdks:reviews')}
              </Title>
              {s.reviews.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('sdks:noReviews')}
                </Text>
              ) : (
                <Timeline bulletSize={14} active={s.reviews.length}>
                  {s.reviews.map((r) => (
                    <Timeline.Item
                      key={r.id}
                      title={
                        <Group gap="xs">
                          <Anchor component={Link} to={`/sdks/${s.id}/reviews/${r.id}`} fw={600} size="sm">
                            {f('version')} {r.version}
                          </Anchor>
                          <ResultBadge result={r.result} />
                        </Group>
                      }
                    >
                      <Text size="xs" c="dimmed">
                        {day(r.reviewedOn)} · {r.reviewer}
                        {r.nextReviewDue ? ` · ${f('nextReviewDue')} ${day(r.nextReviewDue)}` : ''}
                      </Text>
                      <Text size="sm">{t('sdks:checklistSummary', { done: r.checklist.length, total: SDK_CHECKLIST.length })}</Text>
                      {r.categories.length > 0 && (
                        <Text size="sm">
                          {f('categoryIds')}: {r.categories.map((c) => c.code).join(t('common:listSeparator'))}
                        </Text>
                      )}
                      {r.permissions.length > 0 && (
                        <Text size="sm">
                          {f('permissions')}: {r.permissions.map((p) => t('sdks:permissionItem', { name: p.name, need: t(p.required ? 'sdks:required' : 'sdks:optional') })).join(t('common:listSeparator'))}
                        </Text>
                      )}
                      {r.findings && (
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {r.findings}
                        </Text>
                      )}
                    </Timeline.Item>
                  ))}
                </Timeline>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ClauseText number={s.policyClause} />
            <AuditHistory entity="sdk" entityId={s.id} fieldPrefix="sdks:fields" />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
