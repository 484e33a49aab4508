import { z } from 'zod';
import { requiredText } from '../validation';

/** Which register a gap check looks at (the dashboard groups by it). */
export type GapRegister = 'partners' | 'flows' | 'agreements' | 'sdks' | 'categories' | 'policy' | 'requests';

export const gapListInput = z.strictObject({
  checkId: requiredText(80),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export type GapListInput = z.input<typeof gapListInput>;

export interface GapSummary {
  id: string;
  register: GapRegister;
  /** i18n key of the check's title, e.g. `gaps:check.partnerWithoutAgreement`. */
  titleKey: string;
  count: number;
}

/** One record a check concerns, with where to fix it. */
export interface GapItem {
  entity: string;
  id: number;
  /** What the record is called (a partner's name, a category code…). */
  label: string;
  /** A short fact about the gap (a date, a count), already plain text or an i18n key with `:`. */
  detail: string;
  /** The renderer route that opens the record. */
  path: string;
}

export interface GapPage {
  check: GapSummary;
  items: GapItem[];
  total: number;
  page: number;
  pageSize: number;
}
