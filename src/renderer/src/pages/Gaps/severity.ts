import type { GapSeverity } from '@shared/domain/gaps';

/** A gap check's colour by severity, on the dashboard's panel and on the check's own page. */
export const SEVERITY_COLORS: Record<GapSeverity, string> = { high: 'red', medium: 'orange', low: 'gray' };
