import type { ReportKind } from '@shared/domain/transfer';
import type { ReportSource } from './reports.service';
import { categoriesSheet } from './sheets/categories.sheet';

/**
 * The reports this build can produce. The register report lists every register this build holds;
 * the requests and gaps reports appear when their registers do.
 */
export const REPORT_SOURCES: Partial<Record<ReportKind, ReportSource>> = {
  register: {
    usesPeriod: false,
    sheets: () => [categoriesSheet as never],
  },
};
