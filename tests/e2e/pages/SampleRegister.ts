import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WebHost } from '../fixtures';

/**
 * The sample register as the screen-by-screen specs (accessibility, screenshots) need it: a record of
 * every register to open, and requests in each state so that every action's dialog can be opened.
 */

export type Lang = 'en' | 'zh-CN';
export const LANGS: Lang[] = ['en', 'zh-CN'];
export const NOW = '2026-11-17T06:30:00.000Z';
const I18N = resolve(__dirname, '../../../src/shared/i18n');

/** A word from the app's own i18n files, so that a spec reads the same in both languages. */
export function word(lang: Lang, key: string, params: Record<string, string> = {}): string {
  const [ns, path] = key.split(':') as [string, string];
  const json = JSON.parse(readFileSync(resolve(I18N, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
  let value: unknown = json;
  for (const part of path.split('.')) value = (value as Record<string, unknown>)[part];
  if (typeof value !== 'string') throw new Error(`no string at ${lang}/${key}`);
  return value.replace(/{{(\w+)}}/g, (_, p: string) => params[p] ?? '');
}

export interface Ids {
  category: number;
  partner: number;
  agreement: number;
  sdk: number;
  review: number | null;
  gap: string;
  requests: Record<'new' | 'in_progress' | 'awaiting' | 'responded' | 'closed', number>;
}

export async function value<T>(host: WebHost, channel: string, input: unknown): Promise<T> {
  const r = await host.api<T>(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
  return r.value as T;
}

export type Revisioned = { id: number; revision: number };

/** Logs a request by e-mail from `name`, received the day before NOW. */
export function logRequest(host: WebHost, name: string): Promise<Revisioned> {
  return value<Revisioned>(host, 'requests:create', {
    channel: 'email',
    receivedAt: '2026-11-16T02:00:00.000Z',
    requesterName: name,
    requesterContact: 'li.lei@example.com',
    accountRef: 'U-1',
    kind: 'access_copy',
    details: 'A copy of my data, please.',
    concernsMinor: false,
    assignee: '',
  });
}

/** One workflow step on a request. */
export function act(host: WebHost, r: Revisioned, action: string, extra: Record<string, unknown> = {}): Promise<Revisioned> {
  return value<Revisioned>(host, 'requests:act', { id: r.id, revision: r.revision, action, ...extra });
}

/** Sample records to open, and requests in each state so that every action's dialog can be opened. */
export async function prepare(host: WebHost): Promise<Ids> {
  type List = { items: { id: number }[] };
  const category = (await value<List>(host, 'categories:list', {})).items[0]!.id;
  const partner = (await value<List>(host, 'partners:list', {})).items[0]!.id;
  // The sample register has no agreement and no SDK yet: one of each, with a review.
  const agreement = (
    await value<{ id: number }>(host, 'agreements:create', {
      partnerId: partner,
      kind: 'entrusted_processing',
      referenceNo: 'DPA-2026-01',
      signedOn: '2026-03-01',
      effectiveFrom: null,
      expiresOn: '2027-03-01',
      autoRenews: false,
      terminated: false,
      checklist: ['purpose', 'duration', 'method'],
      policyClause: '4.1.5',
      notes: '',
    })
  ).id;
  const sdk = (await value<{ id: number }>(host, 'sdks:create', { name: 'Analytics SDK', vendorPartnerId: partner, platform: 'web', purpose: 'Usage statistics', policyClause: '4.1.6', notes: '' })).id;
  await value(host, 'sdks:addReview', {
    sdkId: sdk,
    version: '2.3.0',
    categoryIds: [category],
    permissions: [{ name: 'Read cookies', required: false, purpose: 'Count visits' }],
    checklist: ['necessary', 'init_after_consent'],
    reviewer: 'Wang Wu',
    reviewedOn: '2026-11-01',
    result: 'approved_with_conditions',
    findings: 'Load only after consent',
    nextReviewDue: '2027-05-01',
  });
  const sdkRecord = await value<{ reviews?: { id: number }[] }>(host, 'sdks:get', { id: sdk });
  const checks = await value<{ id: string; count: number }[]>(host, 'gaps:summary', {});
  const gap = (checks.find((c) => c.count > 0) ?? checks[0])!.id;
  const verified = (r: Revisioned) => act(host, r, 'verify', { method: 'sms_code', result: 'verified' });
  const fresh = await logRequest(host, '李雷');
  const inProgress = await verified(await logRequest(host, '韩梅梅'));
  const awaiting = await act(host, await logRequest(host, '王芳'), 'pause', { reason: 'Asked which account' });
  const responded = await act(host, await verified(await logRequest(host, '赵强')), 'respond', { summary: 'Copy sent by email.' });
  const closed = await act(host, await act(host, await verified(await logRequest(host, '孙丽')), 'respond', { summary: 'Copy sent.' }), 'close', {});
  await value(host, 'backup:create', {});
  return {
    category,
    partner,
    agreement,
    sdk,
    review: sdkRecord.reviews?.[0]?.id ?? null,
    gap,
    requests: { new: fresh.id, in_progress: inProgress.id, awaiting: awaiting.id, responded: responded.id, closed: closed.id },
  };
}
