import { Alert } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What a form or dialog that changes a record began from. The record on screen refreshes by itself
 * when another window or workbench saves (api/remote-changes.ts), but a save is checked against the
 * revision the person began editing, so a change made meanwhile is refused as CONFLICT instead of
 * quietly overwritten; `changedElsewhere` says so before they save.
 */
export function useEditBase(live: { revision: number } | null): { revision: number | undefined; changedElsewhere: boolean } {
  const [base] = useState(() => live?.revision);
  return { revision: base, changedElsewhere: base !== undefined && live !== null && live.revision !== base };
}

/** The warning shown while a record being edited has been changed elsewhere. */
export function ChangedElsewhere({ show }: { show: boolean }) {
  const { t } = useTranslation();
  if (!show) return null;
  return (
    <Alert color="orange" title={t('common:conflictTitle')} role="alert">
      {t('common:changedWhileEditing')}
    </Alert>
  );
}
