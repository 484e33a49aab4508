import type { GapSummary } from '@shared/domain/gaps';
import { gapContext } from '../../gaps/gaps.service';
import { GAP_CHECKS } from '../../gaps/registry';
import { gapDetail } from '../../gaps/gap-check';
import { findGapRowPage } from '../../gaps/gaps.repository';
import { defineSheet, type SummaryTable } from '../model';
import type { TFunction } from 'i18next';

export interface GapReportRow {
  id: number;
  register: string;
  check: string;
  entity: string;
  recordId: number;
  label: string;
  detail: string;
}

/** Every open gap of every check, with the record it concerns; read check by check, page by page, in the database. */
export const gapsSheet = defineSheet<GapReportRow>({
  key: 'gaps',
  title: 'reports:sheets.gaps',
  async *batches(ctx) {
    const g = await gapContext(ctx);
    let n = 0;
    for (const check of GAP_CHECKS) {
      for (let page = 1; ; page += 1) {
        const rows = await findGapRowPage(g.db, check.query(g), page, 500);
        if (rows.length === 0) break;
        yield rows.map((r) => ({
          id: (n += 1),
          register: check.register,
          check: check.titleKey,
          entity: check.entity,
          recordId: Number(r.id),
          label: String(r.label),
          detail: gapDetail(check, r.detail),
        }));
        if (rows.length < 500) break;
      }
    }
  },
  columns: [
    { key: 'register', header: 'reports:gaps.register', type: 'enum', labelPrefix: 'gaps:register', width: 18, inPdf: true, pdfWidth: 12, get: (r) => r.register },
    { key: 'check', header: 'reports:gaps.check', type: 'label', width: 50, inPdf: true, pdfWidth: 34, get: (r) => r.check },
    { key: 'label', header: 'reports:gaps.record', type: 'text', width: 30, inPdf: true, pdfWidth: 22, get: (r) => r.label },
    { key: 'detail', header: 'reports:gaps.detail', type: 'label', width: 30, inPdf: true, pdfWidth: 22, get: (r) => r.detail },
    { key: 'entity', header: 'reports:gaps.entity', type: 'text', width: 12, get: (r) => r.entity },
  ],
});

export function gapSummaryTable(t: TFunction, summaries: GapSummary[]): SummaryTable {
  return {
    key: 'summary',
    title: t('reports:gaps.summary'),
    headers: [t('reports:gaps.check'), t('reports:gaps.count')],
    rows: summaries.filter((s) => s.count > 0).map((s) => [t(s.titleKey), s.count]),
  };
}
