import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/hooks';

/** A calendar day (`2026-11-17`) in the user's language, without any time zone shift. */
export function formatLocalDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** An instant as wall-clock time in the organisation's zone. */
export function formatZoned(iso: string | null, language: string, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Formats instants in the organisation's time zone (from the settings), in the user's language. */
export function useZonedFormat(): (iso: string | null) => string {
  const settings = useCall('settings:get', {});
  const { i18n } = useTranslation();
  const zone = settings.data?.timeZone ?? 'Asia/Shanghai';
  return (iso) => formatZoned(iso, i18n.language, zone);
}
