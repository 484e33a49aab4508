import type { z } from 'zod';
import { resources, translatorFor } from '@shared/i18n';
import {
  templateKinds,
  type LetterTemplate,
  type Request,
  type RequestTemplate,
  type TemplateKind,
  type letterTemplateResetInput,
  type letterTemplateSaveInput,
  type requestSendLetterInput,
  type requestTemplateInput,
} from '@shared/domain/requests';
import { fillPlaceholders, firstPlaceholder, unknownPlaceholders, type LetterValues } from '@shared/domain/letters';
import type { Language, Settings } from '@shared/domain/settings';
import { formatDayOf, formatLocalDate } from '@shared/time';
import { AppError } from '../errors';
import { nowIso, type CoreContext } from '../context';
import type { Executor } from '../db/executor';
import { auditedChange, auditedCreate, auditedDelete } from '../audit/audited-update';
import { getSettings } from '../settings/settings.service';
import { getRequest } from './desk.service';
import { REQUEST_ENTITY } from './deadlines';
import { addEvents, loadRequestForWrite, loadRequestRow, requestConflict } from './request-records';
import { toRequest } from './request-view';
import { findOpenPause, updateRequestAtRevision } from './requests.repository';
import { deleteReplyTemplate, findAllReplyTemplates, findReplyTemplate, insertReplyTemplate, updateReplyTemplate, type ReplyTemplateRow } from './templates.repository';

/**
 * Replies to the requester, one template per outcome (acknowledgement, verification needed,
 * extension, completion, partial answer, refusal) in Chinese and English. The shipped wording is in
 * the i18n files; the officer may replace it in Settings (kept in `reply_templates`, audited) and
 * reset it. Either way the placeholders are filled by the one engine of `@shared/domain/letters`.
 */
export const REPLY_TEMPLATE_ENTITY = 'replyTemplate';

type TemplateText = Pick<LetterTemplate, 'subject' | 'body'>;

/** The shipped wording of a template, placeholders unfilled: its text and the signature. */
export function shippedTemplate(kind: TemplateKind, language: Language): TemplateText {
  const words = resources[language].requests.templates;
  return { subject: words[kind].subject, body: `${words[kind].body}\n\n${words.signature}` };
}

function toLetterTemplate(kind: TemplateKind, language: Language, row: ReplyTemplateRow | undefined): LetterTemplate {
  const text = row ?? shippedTemplate(kind, language);
  return { kind, language, subject: text.subject, body: text.body, custom: row !== undefined, updatedAt: row?.updated_at ?? null };
}

/** Every template in both languages, as Settings shows them. */
export async function listLetterTemplates(ctx: CoreContext): Promise<LetterTemplate[]> {
  const rows = await findAllReplyTemplates(ctx.db);
  const find = (kind: string, language: string) => rows.find((r) => r.kind === kind && r.language === language);
  return (['zh-CN', 'en'] as const).flatMap((language) => templateKinds.map((kind) => toLetterTemplate(kind, language, find(kind, language))));
}

/** A template text that uses a placeholder no request can fill is refused, naming it beside its field. */
function refuseUnknownPlaceholders(text: TemplateText): void {
  for (const field of ['subject', 'body'] as const) {
    const [name] = unknownPlaceholders(text[field]);
    if (name !== undefined) throw unknownPlaceholder(field, name);
  }
}

const unknownPlaceholder = (field: string, name: string) =>
  new AppError('VALIDATION', { key: 'requests:errors.unknownPlaceholder', params: { name } }, { [field]: { key: 'validation.unknownPlaceholder', params: { name } } });

/** The officer's wording of one template replaces the shipped one (audited). */
export async function saveLetterTemplate(ctx: CoreContext, input: z.output<typeof letterTemplateSaveInput>): Promise<LetterTemplate> {
  refuseUnknownPlaceholders(input);
  return ctx.db.transaction().execute(async (trx) => {
    const now = nowIso(ctx);
    const before = await findReplyTemplate(trx, input.kind, input.language);
    if (before) {
      const after = await updateReplyTemplate(trx, before.id, { subject: input.subject, body: input.body, updated_at: now });
      await auditedChange(trx, ctx, { entity: REPLY_TEMPLATE_ENTITY, id: before.id, before, after, skipUnchanged: true });
      return toLetterTemplate(input.kind, input.language, after);
    }
    const created = await insertReplyTemplate(trx, { ...input, created_at: now, updated_at: now });
    await auditedCreate(trx, ctx, { entity: REPLY_TEMPLATE_ENTITY, id: created.id, after: created });
    return toLetterTemplate(input.kind, input.language, created);
  });
}

/** Back to the shipped wording (audited, with the wording that was removed). */
export async function resetLetterTemplate(ctx: CoreContext, input: z.output<typeof letterTemplateResetInput>): Promise<LetterTemplate> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findReplyTemplate(trx, input.kind, input.language);
    if (before) {
      await deleteReplyTemplate(trx, before.id);
      await auditedDelete(trx, ctx, { entity: REPLY_TEMPLATE_ENTITY, id: before.id, before });
    }
    return toLetterTemplate(input.kind, input.language, undefined);
  });
}

type FillInput = Pick<z.output<typeof requestTemplateInput>, 'language' | 'reason' | 'enclosed'>;

/** What each placeholder says for this request, in the letter's language. */
async function letterValues(db: Executor, request: Request, settings: Settings, input: FillInput): Promise<LetterValues> {
  const t = translatorFor(input.language);
  const tz = settings.timeZone;
  const refusalReason =
    request.refusalReason === 'other' ? request.refusalNote : request.refusalReason ? String(t(`requests:refusalReason.${request.refusalReason}`)) : '';
  // An extension's reason defaults to why the request waits (the open pause), a refusal's to its reason.
  const openPause = request.status === 'awaiting_requester' ? await findOpenPause(db, request.id) : undefined;
  const reason = input.reason || openPause?.reason || refusalReason;
  return {
    reference: request.reference,
    name: request.requesterName || t('requests:templates.anonymousName'),
    organisation: settings.organisationName || t('requests:templates.noOrganisation'),
    officer: settings.officerName,
    hotline: settings.hotline || t('requests:templates.noHotline'),
    mailbox: settings.mailbox || t('requests:templates.noMailbox'),
    received: formatDayOf(request.receivedAt, input.language, tz),
    kind: t(`requests:kind.${request.kind}`),
    dueDate: request.deadline.dueDate ? formatLocalDate(request.deadline.dueDate, input.language) : t('requests:templates.dueUnknown'),
    days: String(settings.responseDays),
    responded: request.respondedAt ? formatDayOf(request.respondedAt, input.language, tz) : '',
    summary: request.responseSummary,
    refusalReason,
    // What the officer has still to write shows as a prompt in brackets, never as an empty gap.
    reason: reason || t('requests:templates.fillIn.reason'),
    enclosed: input.enclosed || t('requests:templates.fillIn.enclosed'),
  };
}

function fill(text: string, values: LetterValues, field: 'subject' | 'body'): string {
  const filled = fillPlaceholders(text, values);
  if (!filled.ok) throw unknownPlaceholder(field, filled.unknown);
  return filled.text;
}

/** A reply filled from the request and the settings, in the officer's wording or the shipped one. */
export async function renderRequestTemplate(ctx: CoreContext, input: z.output<typeof requestTemplateInput>): Promise<RequestTemplate> {
  const [request, settings, row] = await Promise.all([getRequest(ctx, input.id), getSettings(ctx.db), findReplyTemplate(ctx.db, input.template, input.language)]);
  const text = row ?? shippedTemplate(input.template, input.language);
  const values = await letterValues(ctx.db, request, settings, input);
  return {
    template: input.template,
    language: input.language,
    subject: fill(text.subject, values, 'subject'),
    body: fill(text.body, values, 'body'),
    custom: row !== undefined,
  };
}

/**
 * A reply as sent: noted on the timeline with its template, language, subject and text. The text is
 * the requester's correspondence: it stays on the timeline (which the retention purge clears) and
 * never enters the audit log, which records only that a letter of this template was sent.
 */
export async function recordLetterSent(ctx: CoreContext, input: z.output<typeof requestSendLetterInput>): Promise<Request> {
  for (const field of ['subject', 'body'] as const) {
    const name = firstPlaceholder(input[field]);
    if (name !== null) {
      throw new AppError('VALIDATION', { key: 'requests:errors.unfilledPlaceholder', params: { name } }, { [field]: { key: 'validation.unfilledPlaceholder', params: { name } } });
    }
  }
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadRequestForWrite(trx, input.id, input.revision);
    const now = nowIso(ctx);
    if ((await updateRequestAtRevision(trx, before.id, before.revision, { updated_at: now })) !== 1) throw requestConflict();
    await addEvents(trx, ctx, before.id, [
      { kind: 'letter_sent', at: now, text: `${input.subject}\n\n${input.body}`, data: { template: input.template, language: input.language } },
    ]);
    const after = await loadRequestRow(trx, before.id);
    await auditedChange(trx, ctx, {
      entity: REQUEST_ENTITY,
      id: before.id,
      before,
      after,
      annotate: { before: { action: 'sendLetter' }, after: { action: 'sendLetter', template: input.template, language: input.language } },
    });
    return toRequest(after, await getSettings(trx), ctx.clock.now());
  });
}
