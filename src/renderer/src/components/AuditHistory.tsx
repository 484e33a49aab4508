import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePagedCall } from '../api/hooks';
import { useZonedFormat } from './format';
import { VirtualTimeline } from './VirtualTimeline';

/** A record's audit trail, newest first: who changed what, and when. */
export function AuditHistory({ entity, entityId, fieldPrefix }: { entity: string; entityId: number; fieldPrefix: string }) {
  const { t } = useTranslation();
  const formatWhen = useZonedFormat();
  const history = usePagedCall('audit:forEntity', { entity, entityId });
  const entries = history.items;
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
        <VirtualTimeline
          items={entries}
          total={history.total}
          loadMore={history.loadMore}
          itemKey={(entry) => entry.id}
          title={(entry) => t(`categories:history.action.${entry.action}`)}
          labelledBy="history-title"
        >
          {(entry) => (
            <>
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
            </>
          )}
        </VirtualTimeline>
      )}
    </Paper>
  );
}
