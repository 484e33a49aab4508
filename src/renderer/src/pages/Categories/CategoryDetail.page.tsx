import { Badge, Grid, Paper, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Category } from '@shared/domain/categories';
import { useCall, useWrite } from '../../api/hooks';
import { AuditHistory } from '../../components/AuditHistory';
import { DetailField } from '../../components/DetailField';
import { useZonedFormat } from '../../components/format';
import { ClauseText } from '../../components/ClauseText';
import { FlowsPanel } from '../Partners/FlowsPanel';
import { DeleteAction, EditAction, RecordHeader, RecordStatusBadge, RetireAction } from '../../components/RecordActions';
import { Loaded } from '../../components/Loaded';

export function CategoryDetailPage() {
  const { id } = useParams();
  const query = useCall('categories:get', { id: Number(id) });
  return <Loaded query={query}>{(category) => <Detail category={category} />}</Loaded>;
}

function Detail({ category: c }: { category: Category }) {
  const { t } = useTranslation();
  const formatWhen = useZonedFormat();
  const setStatus = useWrite('categories:setStatus');
  const remove = useWrite('categories:delete');
  const words = { ns: 'categories' as const, params: { code: c.code } };
  const f = (name: string) => t(`categories:fields.${name}`);
  const yesNo = (v: boolean) => t(v ? 'common:yes' : 'common:no');

  return (
    <Stack>
      <RecordHeader
        title={t('categories:detailTitle', { code: c.code, name: c.name })}
        badges={
          <>
            <RecordStatusBadge status={c.status} />
            {c.sensitive && (
              <Badge color="orange" variant="light">
                {t(`categories:sensitiveKind.${c.sensitiveKind ?? 'other'}`)}
              </Badge>
            )}
          </>
        }
        back="/categories"
      >
        <EditAction channel="categories:update" to={`/categories/${c.id}/edit`} />
        <RetireAction status={c.status} words={words} onChange={(status) => setStatus.mutateAsync({ id: c.id, revision: c.revision, status })} />
        <DeleteAction
          words={words}
          onDelete={() => remove.mutateAsync({ id: c.id, revision: c.revision })}
          afterDelete="/categories"
          typeToConfirm={{ label: t('categories:delete.typeToConfirm', { code: c.code }), expected: c.code }}
        />
      </RecordHeader>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="md" verticalSpacing="md" m={0}>
              <DetailField label={f('stage')}>{t(`categories:stage.${c.stage}`)}</DetailField>
              <DetailField label={f('subjectType')}>{t(`categories:subjectType.${c.subjectType}`)}</DetailField>
              <DetailField label={f('legalBasis')}>{t(`categories:legalBasis.${c.legalBasis}`)}</DetailField>
              <DetailField label={f('collectionMethod')}>{t(`categories:collectionMethod.${c.collectionMethod}`)}</DetailField>
              <DetailField label={f('sensitive')}>
                {c.sensitive ? t(`categories:sensitiveKind.${c.sensitiveKind ?? 'other'}`) : t('common:no')}
              </DetailField>
              <DetailField label={f('separateConsent')}>{yesNo(c.separateConsent)}</DetailField>
              <DetailField label={f('guardianConsent')}>{yesNo(c.guardianConsent)}</DetailField>
              <DetailField label={f('retention')}>
                {c.retention || t('common:none')}
                {c.retentionDays !== null ? ` (${c.retentionDays})` : ''}
              </DetailField>
              <DetailField label={f('storageLocation')}>{t(`categories:storageLocation.${c.storageLocation}`)}</DetailField>
              <DetailField label={f('crossBorderMechanism')}>{t(`categories:crossBorderMechanism.${c.crossBorderMechanism}`)}</DetailField>
              <DetailField label={f('policyClause')}>{c.policyClause || t('common:none')}</DetailField>
              <DetailField label={f('updatedAt')}>{formatWhen(c.updatedAt)}</DetailField>
            </SimpleGrid>
            <Stack mt="md" gap="md" component="dl" m={0}>
              <DetailField label={f('dataItems')}>{c.dataItems.join(t('common:listSeparator'))}</DetailField>
              <DetailField label={f('purposes')}>{c.purposes}</DetailField>
              {c.notes && <DetailField label={f('notes')}>{c.notes}</DetailField>}
            </Stack>
          </Paper>
          <Stack mt="md">
            <FlowsPanel side={{ categoryId: c.id }} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ClauseText number={c.policyClause} />
            <AuditHistory entity="category" entityId={c.id} fieldPrefix="categories:fields" />
          </Stack>
        </Grid.Col>
      </Grid>

    </Stack>
  );
}
