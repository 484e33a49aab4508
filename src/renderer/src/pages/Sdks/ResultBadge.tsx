import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReviewResult } from '@shared/domain/sdks';

const COLOR: Record<ReviewResult, string> = { approved: 'teal', approved_with_conditions: 'yellow', rejected: 'red' };

export function ResultBadge({ result }: { result: ReviewResult }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[result]} variant="light">
      {t(`sdks:result.${result}`)}
    </Badge>
  );
}
