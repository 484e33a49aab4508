import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '@shared/time';
import { useCall } from '../api/hooks';

/**
 * Formats instants on the organisation's clock (the time zone in Settings), in the user's language —
 * never in this computer's zone. Calendar days use `formatLocalDate` from `@shared/time`.
 */
export function useZonedFormat(): (iso: string | null) => string {
  const settings = useCall('settings:get', {});
  const { i18n } = useTranslation();
  const zone = settings.data?.timeZone ?? 'Asia/Shanghai';
  // The same function until the zone or the language changes, so that memoised rows can take it.
  return useCallback((iso) => (iso ? formatInstant(iso, i18n.language, zone) : ''), [i18n.language, zone]);
}
