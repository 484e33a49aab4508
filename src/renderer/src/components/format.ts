import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, formatLocalDate } from '@shared/time';
import { useCall } from '../api/hooks';

/**
 * Formats instants on the organisation's clock (the time zone in Settings), in the user's language —
 * never in this computer's zone, in the one format of each language (`@shared/time`).
 */
export function useZonedFormat(): (iso: string | null) => string {
  const settings = useCall('settings:get', {});
  const { i18n } = useTranslation();
  const zone = settings.data?.timeZone ?? 'Asia/Shanghai';
  // The same function until the zone or the language changes, so that memoised rows can take it.
  return useCallback((iso) => (iso ? formatInstant(iso, i18n.language, zone) : ''), [i18n.language, zone]);
}

/** Formats calendar days (`YYYY-MM-DD`) in the user's language, as `@shared/time` writes them: `2026年12月1日`, `1 Dec 2026`. */
export function useDayFormat(): (day: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return useCallback((day) => (day ? formatLocalDate(day, i18n.language) : ''), [i18n.language]);
}
