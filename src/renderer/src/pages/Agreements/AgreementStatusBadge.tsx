import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ART21_CLAUSES, art21Shortfall, type AgreementKind, type AgreementStatus } from '@shared/domain/agreements';

const COLOR: Record<AgreementStatus, string> = { draft: 'gray', pending: 'blue', active: 'teal', expired: 'red', terminated: 'dark' };

/**
 * The status the dates give an agreement; beside "in force", a warning when an entrusted-processing
 * agreement leaves matters of PIPL Art. 21 unsettled (the gap check agreement-art21-incomplete).
 */
export function AgreementStatusBadge({ agreement: a }: { agreement: { status: AgreementStatus; kind: AgreementKind; checklist: readonly string[] } }) {
  const { t } = useTranslation();
  const missing = art21Shortfall(a);
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={COLOR[a.status]} variant="light">
        {t(`agreements:status.${a.status}`)}
      </Badge>
      {missing > 0 && (
        <Badge color="orange" variant="outline" data-testid="art21-incomplete">
          {t('gaps:art21Warning', { done: ART21_CLAUSES.length - missing, total: ART21_CLAUSES.length })}
        </Badge>
      )}
    </Group>
  );
}
