import type { z } from 'zod';
import type { GapDecision, GapDecisionKind, GapItem, GapListFilter, GapPage, GapStatus, GapSummary, gapDecideInput, gapListInput, gapReopenInput } from '@shared/domain/gaps';
import { AppError, notFound } from '../errors';
import { nowIso, type CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { localDateOf } from '@shared/time';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import { fixKeyOf, gapDetail, type GapCheck, type GapContext } from './gap-check';
import { GAP_CHECKS } from './registry';
import { pageOffset } from '../db/query';
import {
  countGapRowsByStatus,
  countUnderFilter,
  deleteGapDecisionAtRevision,
  findGapDecision,
  findGapRow,
  findGapRowPage,
  findGapRowWithDecision,
  findUndecidedGapRows,
  insertGapDecision,
  updateGapDecisionAtRevision,
  type GapDecisionRow,
  type GapRowWithDecision,
} from './gaps.repository';

/** The audit log's name for a decision about a gap. */
export const GAP_DECISION_ENTITY = 'gapDecision';

export async function gapContext(ctx: Pick<CoreContext, 'db' | 'clock'> & Partial<Pick<CoreContext, 'systemLanguage'>>): Promise<GapContext> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const language = settings.language ?? ctx.systemLanguage ?? 'zh-CN';
  return { db: ctx.db, today: localDateOf(now, settings.timeZone), now: now.toISOString(), settings, language };
}

export function summaryOf(check: GapCheck, counts: Record<GapStatus, number>): GapSummary {
  return {
    id: check.id,
    register: check.register,
    titleKey: check.titleKey,
    severity: check.severity,
    basis: check.basis,
    exceptions: check.exceptions,
    fixKey: fixKeyOf(check),
    decidable: check.decidable !== false,
    count: counts.open,
    inHand: counts.in_hand,
    settled: counts.accepted + counts.not_applicable,
  };
}

/** A check's gaps in each status today: for one that takes no decision, all open, counted as its register counts them. */
async function countsOf(g: GapContext, check: GapCheck, query = check.query(g)): Promise<Record<GapStatus, number>> {
  if (check.undecided) return { open: await check.undecided.count(g), in_hand: 0, accepted: 0, not_applicable: 0 };
  return countGapRowsByStatus(g.db, check.id, query, g.today);
}

/**
 * One page of a check's gaps under `filter`, with their decisions: ordered by label, or for a check
 * that takes no decision in its register's order (`undecided`), whose gaps are all open.
 */
export async function gapRowPage(g: GapContext, check: GapCheck, page: number, pageSize: number, filter: GapListFilter = 'all', query = check.query(g)): Promise<GapRowWithDecision[]> {
  if (!check.undecided) return findGapRowPage(g.db, check.id, query, g.today, page, pageSize, filter);
  if (filter !== 'all' && filter !== 'open') return [];
  return findUndecidedGapRows(g.db, query, await check.undecided.pageIds(g, page, pageSize));
}

/** Every check with its counts (open, in hand, accepted or not applicable), computed in the database. */
export async function gapSummary(ctx: Pick<CoreContext, 'db' | 'clock'>, checks: GapCheck[] = GAP_CHECKS): Promise<GapSummary[]> {
  const g = await gapContext(ctx);
  const out: GapSummary[] = [];
  for (const check of checks) out.push(summaryOf(check, await countsOf(g, check)));
  return out;
}

export function findCheck(id: string, checks: GapCheck[] = GAP_CHECKS): GapCheck {
  const check = checks.find((c) => c.id === id);
  if (!check) throw notFound('gapCheck', id) as AppError;
  return check;
}

function toDecision(r: GapRowWithDecision): GapDecision | null {
  if (r.decision_id === null || r.decision === null) return null;
  return {
    id: r.decision_id,
    decision: r.decision as GapDecisionKind,
    owner: r.owner ?? '',
    dueOn: r.due_on,
    reason: r.reason ?? '',
    reviewOn: r.review_on,
    revision: Number(r.decision_revision),
    decidedAt: r.decided_at ?? '',
  };
}

/** One gap as the list and the report show it. */
export function toItem(check: GapCheck, row: GapRowWithDecision): GapItem {
  return {
    entity: check.entity,
    id: Number(row.id),
    label: String(row.label),
    detail: gapDetail(check, row.detail),
    path: check.path(Number(row.link_id ?? row.id)),
    status: row.status,
    decision: toDecision(row),
  };
}

/** One page of the records a check concerns, with their decisions and links to fix them. */
export async function gapList(ctx: Pick<CoreContext, 'db' | 'clock'>, input: z.output<typeof gapListInput>, checks: GapCheck[] = GAP_CHECKS): Promise<GapPage> {
  const check = findCheck(input.checkId, checks);
  const g = await gapContext(ctx);
  const query = check.query(g);
  // The list's total is its statuses' counts under the filter: one statement counts both.
  const counts = await countsOf(g, check, query);
  const total = countUnderFilter(counts, input.filter);
  const rows = pageOffset(input.page, input.pageSize) < total ? await gapRowPage(g, check, input.page, input.pageSize, input.filter, query) : [];
  return { check: summaryOf(check, counts), items: rows.map((r) => toItem(check, r)), total, page: input.page, pageSize: input.pageSize, today: g.today };
}

// Decisions --------------------------------------------------------------------------------------

const conflict = () => new AppError('CONFLICT', { key: 'gaps:errors.conflict' });

/** What the audit log keeps of a decision: which gap (check and record, by name), and what was decided. */
function decisionView(check: GapCheck, recordId: number, label: string, d: Pick<GapDecisionRow, 'decision' | 'owner' | 'due_on' | 'reason' | 'review_on'>) {
  return { checkId: check.id, recordId, record: label, decision: d.decision, owner: d.owner, dueOn: d.due_on, reason: d.reason, reviewOn: d.review_on };
}

/** The gap, as the check answers it now; refused when the check no longer concerns the record, or takes no decision. */
async function currentGap(g: GapContext, check: GapCheck, recordId: number) {
  if (check.decidable === false) throw new AppError('VALIDATION', { key: 'gaps:errors.notDecidable' });
  const row = await findGapRow(g.db, check.query(g), recordId);
  if (!row) throw new AppError('NOT_FOUND', { key: 'gaps:errors.notAGap' });
  return row;
}

/**
 * Assigns an owner and a due date, or accepts the gap or marks it not applicable with a reason and a
 * review date — audited, in one transaction. A due date or review date before today is refused.
 */
export function decideGap(ctx: CoreContext, input: z.output<typeof gapDecideInput>, checks: GapCheck[] = GAP_CHECKS): Promise<GapItem> {
  const check = findCheck(input.checkId, checks);
  return ctx.db.transaction().execute(async (trx) => {
    const g = await gapContext({ db: trx, clock: ctx.clock });
    const row = await currentGap(g, check, input.recordId);
    const columns =
      input.decision === 'in_hand'
        ? { decision: input.decision, owner: input.owner, due_on: input.dueOn, reason: '', review_on: null }
        : { decision: input.decision, owner: '', due_on: null, reason: input.reason, review_on: input.reviewOn };
    const date = input.decision === 'in_hand' ? { field: 'dueOn', value: input.dueOn } : { field: 'reviewOn', value: input.reviewOn };
    if (date.value < g.today) {
      throw new AppError('VALIDATION', { key: 'errors:validation', params: { fields: date.field } }, { [date.field]: { key: 'gaps:errors.dateBeforeToday', params: { today: g.today } } });
    }
    const existing = await findGapDecision(trx, check.id, input.recordId);
    if ((existing?.revision ?? null) !== input.revision) throw conflict();
    const now = nowIso(ctx);
    const label = String(row.label);
    if (!existing) {
      const id = await insertGapDecision(trx, { check_id: check.id, record_id: input.recordId, ...columns, revision: 1, created_at: now, updated_at: now });
      await auditedCreate(trx, ctx, { entity: GAP_DECISION_ENTITY, id, after: decisionView(check, input.recordId, label, columns) });
    } else {
      if ((await updateGapDecisionAtRevision(trx, existing.id, existing.revision, { ...columns, updated_at: now })) !== 1) throw conflict();
      const gap = { checkId: check.id, recordId: input.recordId, record: label };
      await auditedChange(trx, ctx, {
        entity: GAP_DECISION_ENTITY,
        id: existing.id,
        before: decisionView(check, input.recordId, label, existing),
        after: decisionView(check, input.recordId, label, columns),
        annotate: { before: gap, after: gap },
      });
    }
    return itemOf(g, check, input.recordId);
  });
}

/** Withdraws a decision: the gap is open again (audited as the decision's deletion). */
export function reopenGap(ctx: CoreContext, input: z.output<typeof gapReopenInput>, checks: GapCheck[] = GAP_CHECKS): Promise<{ checkId: string; recordId: number }> {
  const check = findCheck(input.checkId, checks);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findGapDecision(trx, check.id, input.recordId);
    if (!existing || existing.revision !== input.revision) throw conflict();
    const g = await gapContext({ db: trx, clock: ctx.clock });
    // A gap fixed meanwhile still has its decision withdrawn; its name then comes from the decision alone.
    const row = await findGapRow(g.db, check.query(g), input.recordId);
    if ((await deleteGapDecisionAtRevision(trx, existing.id, existing.revision)) !== 1) throw conflict();
    await auditedDelete(trx, ctx, { entity: GAP_DECISION_ENTITY, id: existing.id, before: decisionView(check, input.recordId, row ? String(row.label) : '', existing) });
    return { checkId: check.id, recordId: input.recordId };
  });
}

async function itemOf(g: GapContext, check: GapCheck, recordId: number): Promise<GapItem> {
  const row = await findGapRowWithDecision(g.db, check.id, check.query(g), g.today, recordId);
  if (!row) throw new AppError('NOT_FOUND', { key: 'gaps:errors.notAGap' });
  return toItem(check, row);
}
