import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgreementStatus } from '@shared/domain/agreements';

const COLOR: Record<AgreementStatus, string> = { draft: 'gray', pending: 'blue', active: 'teal', expired: 'red', terminated: 'dark' };

export function AgreementStatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light">
      {t(`agreements:status.${status}`)}
    </Badge>
  );
}
