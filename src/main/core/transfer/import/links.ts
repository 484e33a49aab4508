/**
 * What a record of processing says beyond its category: who receives the information (recipients)
 * and who abroad (transfers). Each entry names a partner, linked by name when the register has it
 * and created otherwise, and a sharing flow of the category to it. Entries are written as offices
 * write them: `顺丰速运（物流配送）`, `Salesforce, Inc. (USA, SCCs)`, `AWS 新加坡 - 标准合同`, or 无 / N/A.
 * Also here: a retention period written as a duration, in days.
 */
import type { TFunction } from 'i18next';
import { issueMessage, type MessageRef } from '@shared/validation';
import type { ImportMapping } from '@shared/domain/import-mapping';
import type { CrossBorderMechanism } from '@shared/domain/categories';
import { partnerInput, type FlowMethod, type PartnerValues } from '@shared/domain/partners';
import type { CoreContext } from '../../context';
import type { Executor } from '../../db/executor';
import { findPartnerIdByName } from '../../partners/partners.repository';
import { insertPartnerRecord } from '../../partners/partners.service';
import { insertFlowRecord } from '../../flows/flows.service';
import { norm } from './spellings';
import { NONE_WORDS, VALUE_SYNONYMS } from './synonyms';

/** One partner and the flow of the category to it. */
export interface LinkPlan {
  links: { partner: PartnerValues; flow: { purpose: string; method: FlowMethod; frequency: string; crossBorder: boolean; crossBorderMechanism: CrossBorderMechanism; notes: string } }[];
}

const isNone = (text: string) => NONE_WORDS.includes(norm(text));

/** A cross-border mechanism an entry names (SCC, 标准合同, 安全评估…), the longest word found. */
function mechanismIn(text: string): CrossBorderMechanism | null {
  const v = norm(text);
  let best: { code: CrossBorderMechanism; length: number } | null = null;
  for (const [code, words] of Object.entries(VALUE_SYNONYMS['categories:crossBorderMechanism']!)) {
    if (code === 'none') continue;
    for (const w of words) {
      const hit = /^[a-z]/.test(w) ? new RegExp(`(^|[^a-z])${w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^a-z])`).test(v) : v.includes(w);
      if (hit && (!best || w.length > best.length)) best = { code: code as CrossBorderMechanism, length: w.length };
    }
  }
  return best?.code ?? null;
}

/** `Name（a，b）` or `Name (a, b)` or `Name - a`: the name and the parts that qualify it. */
function entryParts(entry: string): { name: string; parts: string[] } {
  const bracket = /^(.*?)\s*[（(](.*)[）)]\s*$/.exec(entry);
  if (bracket && bracket[1]!.trim()) return { name: bracket[1]!.trim(), parts: bracket[2]!.split(/[，,、;；]/).map((s) => s.trim()).filter(Boolean) };
  const dash = /^(.*?)\s+[-–—:：]\s+(.*)$/.exec(entry) ?? /^(.*?)\s*[：:]\s*(.*)$/.exec(entry);
  if (dash && dash[1]!.trim()) return { name: dash[1]!.trim(), parts: dash[2]!.split(/[，,、;；]/).map((s) => s.trim()).filter(Boolean) };
  return { name: entry.trim(), parts: [] };
}

/** The first line of a text, at most `max` characters: a flow's purpose from a category's purposes. */
const firstLine = (text: string, max: number) => (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim().slice(0, max);

/**
 * The partners and flows a row's recipients and transfers name; sets the category's storage abroad
 * (and its mechanism, when an entry names one and the row does not). Problems by field.
 */
export function planLinks(
  values: Record<string, unknown>,
  recipients: string[],
  transfers: string[],
  mapping: ImportMapping | undefined,
  t: TFunction,
): { plan: LinkPlan; problems: Record<string, MessageRef> } {
  const r = mapping?.recipients ?? { role: 'other_handler', countryRegion: '', sharingBasis: 'consent', method: 'file', frequency: '' };
  const purpose = firstLine(String(values.purposes ?? ''), 500);
  const frequency = r.frequency || t('reports:mapping.defaultFrequency');
  const byName = new Map<string, LinkPlan['links'][number]>();
  const problems: Record<string, MessageRef> = {};
  const check = (field: string, partner: PartnerValues) => {
    const parsed = partnerInput.safeParse(partner);
    if (!parsed.success && !problems[field]) problems[field] = issueMessage(parsed.error.issues[0]!);
    return parsed.success;
  };
  for (const entry of recipients) {
    if (isNone(entry)) continue;
    const { name, parts } = entryParts(entry);
    const partner = { name, role: r.role, countryRegion: r.countryRegion || t('reports:mapping.defaultCountry'), contact: '', sharingBasis: r.sharingBasis, policyClause: '', notes: '' } as PartnerValues;
    if (!check('recipients', partner)) continue;
    byName.set(name, { partner, flow: { purpose, method: r.method as FlowMethod, frequency, crossBorder: false, crossBorderMechanism: 'none', notes: parts.join('，') } });
  }
  const abroad = transfers.filter((e) => !isNone(e));
  let mechanismFound: CrossBorderMechanism | null = null;
  for (const entry of abroad) {
    const { name, parts } = entryParts(entry);
    const mechanism = mechanismIn(entry);
    mechanismFound ??= mechanism;
    const rest = parts.filter((p) => !mechanismIn(p));
    const partner = { name, role: 'overseas_recipient', countryRegion: rest[0] ?? t('reports:mapping.abroad'), contact: '', sharingBasis: r.sharingBasis, policyClause: '', notes: '' } as PartnerValues;
    if (!check('transfers', partner)) continue;
    const rowMechanism = values.crossBorderMechanism as CrossBorderMechanism | undefined;
    byName.set(name, {
      partner,
      flow: { purpose, method: r.method as FlowMethod, frequency, crossBorder: true, crossBorderMechanism: mechanism ?? (rowMechanism && rowMechanism !== 'none' ? rowMechanism : 'none'), notes: rest.slice(1).join('，') },
    });
  }
  if (abroad.length > 0) {
    values.storageLocation = 'cross_border';
    if ((!values.crossBorderMechanism || values.crossBorderMechanism === 'none') && mechanismFound) values.crossBorderMechanism = mechanismFound;
  }
  return { plan: { links: [...byName.values()] }, problems };
}

/** Writes a category's partners (those not yet in the register) and its flows to them. */
export async function insertLinks(trx: Executor, ctx: CoreContext, categoryId: number, plan: LinkPlan): Promise<void> {
  for (const { partner, flow } of plan.links) {
    const partnerId = (await findPartnerIdByName(trx, partner.name)) ?? (await insertPartnerRecord(trx, ctx, partner)).id;
    await insertFlowRecord(trx, ctx, { partnerId, categoryId, policyClause: '', ...flow });
  }
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1–99 written in Chinese numerals (三, 十, 十五, 二十, 三十六), or null. */
function chineseNumber(text: string): number | null {
  if (/^[零一二两三四五六七八九]$/.test(text)) return CN_DIGITS[text]!;
  const m = /^([一二两三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(text);
  if (!m) return null;
  return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
}

const UNIT_DAYS: [RegExp, number][] = [
  [/^(年|years?|yrs?)$/i, 365],
  [/^(个月|月|months?)$/i, 30],
  [/^(周|星期|weeks?)$/i, 7],
  [/^(天|日|days?)$/i, 1],
];

/** A retention period's length in days when it is written as one duration ("3年", "六个月", "2 years"); null otherwise. */
export function retentionDaysOf(text: string): number | null {
  const m = /(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)\s*(个月|年|月|周|星期|天|日|years?|yrs?|months?|weeks?|days?)(?![a-z])/i.exec(text);
  if (!m) return null;
  const n = /^\d/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
  const unit = UNIT_DAYS.find(([re]) => re.test(m[2]!));
  if (n === null || !unit) return null;
  const days = Math.round(n * unit[1]);
  return days >= 1 && days <= 36500 ? days : null;
}
