import type { TFunction } from 'i18next';
import type { GapStatus, GapSummary } from '@shared/domain/gaps';
import type { Language } from '@shared/domain/settings';
import { messageText } from '@shared/i18n';
import { citeSources, withSources } from '@shared/legal-citation';
import { gapContext, gapRowPage, toItem } from '../../gaps/gaps.service';
import { GAP_CHECKS } from '../../gaps/registry';
import { fixKeyOf } from '../../gaps/gap-check';
import { defineSheet, type SheetSpec, type SummaryTable } from '../model';

export interface GapReportRow {
  register: string;
  check: string;
  entity: string;
  /** The record's name (never its database id). */
  record: string;
  /** The fact about the gap, as a sentence with its unit or field name, in the report's language. */
  detail: string;
  severity: string;
  /** The law or clause, cited as the language cites it: 《个人信息保护法》第二十一条 / PIPL Art. 21. */
  basis: string;
  status: GapStatus;
  owner: string;
  dueOn: string | null;
  reason: string;
  reviewOn: string | null;
  fix: string;
}

const BATCH = 500;

/**
 * Every gap of every check, open or decided, with the record it concerns and what was decided about
 * it; read check by check, page by page, in the database. The texts that depend on the language (the
 * detail, the legal basis) are written in the report's language.
 */
export function gapsSheet(t: TFunction, language: Language): SheetSpec<GapReportRow> {
  return defineSheet<GapReportRow>({
    key: 'gaps',
    title: 'reports:sheets.gaps',
    async *batches(ctx) {
      const g = await gapContext(ctx);
      for (const check of GAP_CHECKS) {
        const basis = citeSources(t, language, check.basis);
        for (let page = 1; ; page += 1) {
          const rows = await gapRowPage(g, check, page, BATCH);
          if (rows.length === 0) break;
          yield rows.map((r) => {
            const item = toItem(check, r);
            return {
              register: check.register,
              check: check.titleKey,
              entity: check.entity,
              record: item.label,
              detail: item.detail ? messageText(t, item.detail) : '',
              severity: check.severity,
              basis,
              status: item.status,
              owner: item.decision?.owner ?? '',
              dueOn: item.decision?.dueOn ?? null,
              reason: item.decision?.reason ?? '',
              reviewOn: item.decision?.reviewOn ?? null,
              fix: fixKeyOf(check),
            };
          });
          if (rows.length < BATCH) break;
        }
      }
    },
    columns: [
      { key: 'register', header: 'gaps:report.register', type: 'enum', labelPrefix: 'gaps:register', width: 16, inPdf: true, pdfWidth: 8, get: (r) => r.register },
      { key: 'check', header: 'gaps:report.check', type: 'label', width: 44, inPdf: true, pdfWidth: 24, get: (r) => r.check },
      { key: 'record', header: 'gaps:report.record', type: 'text', width: 30, inPdf: true, pdfWidth: 14, get: (r) => r.record },
      { key: 'entity', header: 'gaps:report.entity', type: 'enum', labelPrefix: 'gaps:entity', width: 12, get: (r) => r.entity },
      { key: 'detail', header: 'gaps:report.detail', type: 'text', width: 30, inPdf: true, pdfWidth: 12, get: (r) => r.detail },
      { key: 'severity', header: 'gaps:report.severity', type: 'enum', labelPrefix: 'gaps:severity', width: 10, inPdf: true, pdfWidth: 7, get: (r) => r.severity },
      { key: 'basis', header: 'gaps:report.basis', type: 'text', width: 36, inPdf: true, pdfWidth: 13, get: (r) => r.basis },
      { key: 'status', header: 'gaps:report.status', type: 'enum', labelPrefix: 'gaps:status', width: 12, inPdf: true, pdfWidth: 7, get: (r) => r.status },
      { key: 'owner', header: 'gaps:report.owner', type: 'text', width: 16, inPdf: true, pdfWidth: 8, get: (r) => r.owner },
      { key: 'dueOn', header: 'gaps:report.dueOn', type: 'date', width: 12, inPdf: true, pdfWidth: 8, get: (r) => r.dueOn },
      { key: 'reason', header: 'gaps:report.reason', type: 'text', width: 36, inPdf: true, pdfWidth: 11, get: (r) => r.reason },
      { key: 'reviewOn', header: 'gaps:report.reviewOn', type: 'date', width: 12, inPdf: true, pdfWidth: 8, get: (r) => r.reviewOn },
      { key: 'fix', header: 'gaps:report.fix', type: 'label', width: 50, inPdf: true, pdfWidth: 16, get: (r) => r.fix },
    ],
  });
}

/** Per check with gaps: its severity and basis, and how many gaps are open, in hand, accepted or not applicable. */
export function gapSummaryTable(t: TFunction, language: Language, summaries: GapSummary[]): SummaryTable {
  return {
    key: 'summary',
    title: t('gaps:report.summary'),
    headers: [t('gaps:report.check'), t('gaps:report.severity'), t('gaps:report.basis'), t('gaps:report.open'), t('gaps:report.inHand'), t('gaps:report.settled')],
    rows: withGaps(summaries).map((s) => [t(s.titleKey), t(`gaps:severity.${s.severity}`), citeSources(t, language, s.basis), s.count, s.inHand, s.settled]),
  };
}

/** Per check with gaps: when it does not apply, each case with the law or clause that says so. */
export function gapExceptionsTable(t: TFunction, language: Language, summaries: GapSummary[]): SummaryTable {
  return {
    key: 'exceptions',
    title: t('gaps:report.exceptionsTitle'),
    headers: [t('gaps:report.check'), t('gaps:report.exceptions')],
    rows: withGaps(summaries).map((s) => [t(s.titleKey), s.exceptions.map((e) => withSources(t, language, t(e.key), e.sources)).join('\n') || t('gaps:noExceptions')]),
  };
}

const withGaps = (summaries: GapSummary[]) => summaries.filter((s) => s.count + s.inHand + s.settled > 0);
