import type { ReportKind } from '@shared/domain/transfer';
import type { ReportSource } from './reports.service';
import { categoriesSheet } from './sheets/categories.sheet';
import { requestsSheet } from './sheets/requests.sheet';
import { gapsSheet, gapSummaryTable } from './sheets/gaps.sheet';
import { timelinessTables } from './timeliness';
import { gapSummary } from '../gaps/gaps.service';
import { getSettings } from '../settings/settings.service';
import { nowIso } from '../context';
import { REGISTER_SHEETS } from './sheets/register.sheets';

/** The reports this build can produce: the register (every register it holds), the request log and the gap list. */
export const REPORT_SOURCES: Partial<Record<ReportKind, ReportSource>> = {
  register: {
    usesPeriod: false,
    sheets: () => [categoriesSheet as never, ...REGISTER_SHEETS],
  },
  requests: {
    usesPeriod: true,
    // The sheet needs the zone and "now"; they are read once when the report is built.
    sheets: () => [],
    async prepare(ctx) {
      const settings = await getSettings(ctx.db);
      return { sheets: [requestsSheet(settings.timeZone, nowIso(ctx)) as never] };
    },
    summaries: async (ctx, doc) => timelinessTables(ctx, doc.t, doc.filterValues, doc.timeZone, doc.generatedAt),
  },
  gaps: {
    usesPeriod: false,
    sheets: () => [gapsSheet as never],
    summaries: async (ctx, doc) => [gapSummaryTable(doc.t, await gapSummary(ctx))],
  },
};
