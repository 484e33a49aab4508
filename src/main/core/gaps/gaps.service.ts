import type { z } from 'zod';
import type { GapPage, GapSummary, gapListInput } from '@shared/domain/gaps';
import { notFound, type AppError } from '../errors';
import type { CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { localDateOf } from '@shared/time';
import { toItem, type GapCheck, type GapContext } from './gap-check';
import { GAP_CHECKS } from './registry';
import { countGapRows, findGapRowPage } from './gaps.repository';

export async function gapContext(ctx: Pick<CoreContext, 'db' | 'clock'> & Partial<Pick<CoreContext, 'systemLanguage'>>): Promise<GapContext> {
  const settings = await getSettings(ctx.db);
  const now = ctx.clock.now();
  const language = settings.language ?? ctx.systemLanguage ?? 'zh-CN';
  return { db: ctx.db, today: localDateOf(now, settings.timeZone), now: now.toISOString(), settings, language };
}

const countOf = (g: GapContext, check: GapCheck): Promise<number> => countGapRows(g.db, check.query(g));

const summaryOf = (check: GapCheck, count: number): GapSummary => ({ id: check.id, register: check.register, titleKey: check.titleKey, count });

/** Every check with its count, computed in the database. */
export async function gapSummary(ctx: Pick<CoreContext, 'db' | 'clock'>, checks: GapCheck[] = GAP_CHECKS): Promise<GapSummary[]> {
  const g = await gapContext(ctx);
  const out: GapSummary[] = [];
  for (const check of checks) out.push(summaryOf(check, await countOf(g, check)));
  return out;
}

export function findCheck(id: string, checks: GapCheck[] = GAP_CHECKS): GapCheck {
  const check = checks.find((c) => c.id === id);
  if (!check) throw notFound('gapCheck', id) as AppError;
  return check;
}

/** One page of the records a check concerns, with links to fix them. */
export async function gapList(ctx: Pick<CoreContext, 'db' | 'clock'>, input: z.output<typeof gapListInput>, checks: GapCheck[] = GAP_CHECKS): Promise<GapPage> {
  const check = findCheck(input.checkId, checks);
  const g = await gapContext(ctx);
  const [rows, count] = await Promise.all([
    findGapRowPage(g.db, check.query(g), input.page, input.pageSize),
    countOf(g, check),
  ]);
  return {
    check: summaryOf(check, count),
    items: rows.map((r) => toItem(check, { id: Number(r.id), label: String(r.label), detail: r.detail as string | null })),
    total: count,
    page: input.page,
    pageSize: input.pageSize,
  };
}
