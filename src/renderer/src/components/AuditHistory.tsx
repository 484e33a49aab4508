import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../api/hooks';
import { useZonedFormat } from './format';

/** A record's audit trail, newest first: who changed what, and when. */
export function AuditHistory({ entity, entityId, fieldPrefix }: { entity: string; entityId: number; fieldPrefix: string }) {
  const { t } = useTranslation();
  const formatWhen = useZonedFormat();
  const history = useCall('audit:forEntity', { entity, entityId, page: 1, pageSize: 100 });
  const entries = history.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-title">
      <Title order={3} size="h5" id="history-title" mb="sm">
        {t('categories:history.title')}
      </Title>
      {entries.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('categories:history.empty')}
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={entries.length}>
          {entries.map((entry) => (
            <Timeline.Item key={entry.id} title={t(`categories:history.action.${entry.action}`)}>
              <Text size="xs" c="dimmed">
                {formatWhen(entry.at)} · {t('categories:history.by', { actor: entry.actor })}
              </Text>
              {entry.changedFields.length > 0 && (
                <Text size="sm">
                  {t('categories:history.fieldsChanged', {
                    fields: entry.changedFields.map((f) => t(`${fieldPrefix}.${f}`, { defaultValue: f })).join(', '),
                  })}
                </Text>
              )}
              {entry.action === 'status' && (
                <Text size="sm">
                  {t(`common:status.${String((entry.after as { status?: string } | null)?.status ?? '')}`)}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Paper>
  );
}
