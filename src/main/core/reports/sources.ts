import type { TFunction } from 'i18next';
import type { ReportKind } from '@shared/domain/transfer';
import type { CoreContext } from '../context';
import type { ReportDoc, SheetSpec, SummaryTable } from './model';
import { categoriesSheet } from './sheets/categories.sheet';
import { requestsSheet, type RequestsReportRules } from './sheets/requests.sheet';
import type { Language, Settings } from '@shared/domain/settings';
import { gapExceptionsTable, gapsSheet, gapSummaryTable } from './sheets/gaps.sheet';
import { timelinessTables } from './timeliness';
import { gapSummary } from '../gaps/gaps.service';
import { getSettings } from '../settings/settings.service';
import { REGISTER_SHEETS } from './sheets/register.sheets';

/** What a report is made of, and how its sheets and summaries are read. */
export interface ReportSource {
  /** The sheets (registers) of this report; summaries are computed once per export. */
  sheets(ctx: CoreContext): SheetSpec[];
  summaries?(ctx: CoreContext, doc: Omit<ReportDoc, 'summaries'>): Promise<SummaryTable[]>;
  /** Sentences (i18n keys) shown under the title, e.g. a register this build does not hold yet. */
  notes?(ctx: CoreContext): string[];
  /** Whether the period filters apply to this report. */
  usesPeriod: boolean;
  /** Sheets that need the settings (time zone, the generation time), read once per export. */
  prepare?(ctx: CoreContext, at: { settings: Settings; generatedAt: string; t: TFunction; language: Language }): Promise<{ sheets: SheetSpec[] }>;
}

const reportRules = (settings: Settings, generatedAt: string, t?: TFunction): RequestsReportRules => ({
  timeZone: settings.timeZone,
  dueSoonDays: settings.dueSoonDays,
  pauseStopsClock: settings.pauseStopsClock,
  now: new Date(generatedAt),
  t,
});

/** The reports this build can produce: the register (every register it holds), the request log and the gap list. */
export const REPORT_SOURCES: Partial<Record<ReportKind, ReportSource>> = {
  register: {
    usesPeriod: false,
    sheets: () => [categoriesSheet, ...REGISTER_SHEETS],
  },
  requests: {
    usesPeriod: true,
    // Every row is judged by the timeliness rule at the report's generation time, under the settings read once.
    sheets: () => [],
    prepare: async (_ctx, { settings, generatedAt, t }) => ({ sheets: [requestsSheet(reportRules(settings, generatedAt, t))] }),
    summaries: async (ctx, doc) => timelinessTables(ctx, doc.t, doc.filterValues, reportRules(await getSettings(ctx.db), doc.generatedAt)),
  },
  gaps: {
    usesPeriod: false,
    // The detail and the legal basis are written in the report's language.
    sheets: () => [],
    prepare: async (_ctx, { t, language }) => ({ sheets: [gapsSheet(t, language)] }),
    summaries: async (ctx, doc) => {
      const summary = await gapSummary(ctx);
      return [gapSummaryTable(doc.t, doc.language, summary), gapExceptionsTable(doc.t, doc.language, summary)];
    },
  },
};
