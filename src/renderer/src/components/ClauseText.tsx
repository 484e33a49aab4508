import { Blockquote, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { clauseName } from '@shared/domain/policy';
import { useCall } from '../api/hooks';

/** The text of the policy clause a record cites, from the newest imported policy version. */
export function ClauseText({ number }: { number: string }) {
  const { t } = useTranslation();
  const clause = useCall('policy:clause', { number }, { enabled: number !== '' });
  if (!number) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`clause-${number}`}>
      <Title order={3} size="h5" id={`clause-${number}`} mb="xs">
        {t('policy:clauseLabel', { number: clause.data ? clauseName(number, clause.data.label) : number })}
      </Title>
      {clause.data ? (
        <Blockquote p="sm" data-testid="clause-text" style={{ whiteSpace: 'pre-wrap' }}>
          {clause.data.text}
        </Blockquote>
      ) : (
        clause.isFetched && (
          <Text size="sm" c="dimmed">
            {t('policy:clauseMissing', { number })}
          </Text>
        )
      )}
    </Paper>
  );
}
