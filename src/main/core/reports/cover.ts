/**
 * A report's cover: who it is about and for (the organisation, its personal information protection
 * officer), what it covers (the period, or the register as it stood), what it was checked against (the
 * policy version in force), how to tell it is the register's own (the audit log's chain head), and when
 * it was made. Read once per export; every format prints the same lines (`coverLines`).
 */
import type { TFunction } from 'i18next';
import type { AuditChainHead } from '@shared/domain/audit';
import type { Settings } from '@shared/domain/settings';
import { formatInstantWithZone, formatLocalDate, localDateOf, type LocalDate } from '@shared/time';
import type { Executor } from '../db/executor';
import { findVersionInForce } from '../policy/policy.repository';

export interface ReportCover {
  organisation: string;
  /** 个人信息保护负责人 as named in Settings; '' when nobody is named yet. */
  officer: string;
  /** The period a report of requests covers; null for a report of the register as it stands. */
  period: { from: LocalDate | null; to: LocalDate | null } | null;
  /** The organisation's day when the report was made: what a register report is "as at". */
  asOf: LocalDate;
  /** The policy version in force on `asOf`, or null when no policy has been imported. */
  policyVersion: { title: string; versionLabel: string; effectiveOn: LocalDate | null } | null;
  auditHead: AuditChainHead;
  generatedAt: string;
  timeZone: string;
  /** The report's language: the cover's days and time are written as that language writes them. */
  language: string;
}

export async function readCover(
  db: Executor,
  input: { settings: Settings; language: string; generatedAt: string; auditHead: AuditChainHead; period: ReportCover['period'] },
): Promise<ReportCover> {
  const { settings, generatedAt } = input;
  const asOf = localDateOf(generatedAt, settings.timeZone);
  const version = await findVersionInForce(db, asOf);
  return {
    organisation: settings.organisationName,
    officer: settings.officerName,
    period: input.period,
    asOf,
    policyVersion: version ? { title: version.title, versionLabel: version.version_label, effectiveOn: version.effective_on } : null,
    auditHead: input.auditHead,
    generatedAt,
    timeZone: settings.timeZone,
    language: input.language,
  };
}

/** One line of the cover: its label and its text; `instant` marks the generation time (a date cell in XLSX). */
export interface CoverLine {
  key: 'organisation' | 'officer' | 'period' | 'policyVersion' | 'auditHead' | 'generatedAt';
  label: string;
  value: string;
  instant?: string;
}

/** The cover's lines in the report's language, in the order every format prints them. */
export function coverLines(t: TFunction, cover: ReportCover): CoverLine[] {
  const c = (key: string, params?: Record<string, unknown>) => String(t(`reports:cover.${key}`, params));
  const day = (date: LocalDate) => formatLocalDate(date, cover.language);
  const period = !cover.period
    ? c('asOf', { day: day(cover.asOf) })
    : cover.period.from && cover.period.to
      ? c('periodReceived', { from: day(cover.period.from), to: day(cover.period.to) })
      : cover.period.from
        ? c('periodFrom', { from: day(cover.period.from) })
        : cover.period.to
          ? c('periodTo', { to: day(cover.period.to) })
          : c('periodAll');
  const policy = cover.policyVersion
    ? [cover.policyVersion.title, c('policyVersionLabel', { version: cover.policyVersion.versionLabel }), ...(cover.policyVersion.effectiveOn ? [c('policyEffective', { day: day(cover.policyVersion.effectiveOn) })] : [])].join(
        c('separator'),
      )
    : c('policyNone');
  return [
    { key: 'organisation', label: c('organisation'), value: cover.organisation || String(t('common:header.noOrganisation')) },
    { key: 'officer', label: c('officer'), value: cover.officer || c('officerNotNamed') },
    { key: 'period', label: c('period'), value: period },
    { key: 'policyVersion', label: c('policyVersion'), value: policy },
    { key: 'auditHead', label: c('auditHead'), value: c('auditHeadValue', { count: cover.auditHead.count, hash: cover.auditHead.headHash }) },
    { key: 'generatedAt', label: c('generatedAt'), value: formatInstantWithZone(cover.generatedAt, cover.language, cover.timeZone), instant: cover.generatedAt },
  ];
}

/** The sign-off block: who prepared and who reviewed the report, each with a name, a signature and a date to fill in. */
export function signOffRows(t: TFunction, cover: ReportCover): { role: string; name: string }[] {
  return [
    { role: String(t('reports:cover.preparedBy')), name: '' },
    // The officer reviews what goes out under their name; the line stays blank until one is named.
    { role: String(t('reports:cover.reviewedBy')), name: cover.officer },
  ];
}
