import type { z } from 'zod';
import { translatorFor } from '@shared/i18n';
import type { RequestTemplate, requestTemplateInput } from '@shared/domain/requests';
import type { CoreContext } from '../context';
import { getSettings } from '../settings/settings.service';
import { getRequest } from './desk.service';
import { formatDayOf, formatLocalDate } from '@shared/time';

/**
 * A reply to the requester (acknowledgement, verification needed, completed, refused) in Chinese
 * or English, filled from the request and the settings. The words live in the i18n files.
 */
export async function renderRequestTemplate(ctx: CoreContext, input: z.output<typeof requestTemplateInput>): Promise<RequestTemplate> {
  const [request, settings] = await Promise.all([getRequest(ctx, input.id), getSettings(ctx.db)]);
  const t = translatorFor(input.language);
  const tz = settings.timeZone;
  const dueDate = request.deadline.dueDate ? formatLocalDate(request.deadline.dueDate, input.language, 'long') : t('requests:templates.dueUnknown');
  const params = {
    reference: request.reference,
    name: request.requesterName || t('requests:templates.anonymousName'),
    organisation: settings.organisationName || t('requests:templates.noOrganisation'),
    officer: settings.officerName,
    hotline: settings.hotline || t('requests:templates.noHotline'),
    mailbox: settings.mailbox || t('requests:templates.noMailbox'),
    received: formatDayOf(request.receivedAt, input.language, tz),
    kind: t(`requests:kind.${request.kind}`),
    dueDate,
    days: settings.responseDays,
    responded: request.respondedAt ? formatDayOf(request.respondedAt, input.language, tz) : '',
    summary: request.responseSummary,
    refusalReason: request.refusalReason ? t(`requests:refusalReason.${request.refusalReason}`) : '',
  };
  const key = `requests:templates.${input.template}`;
  return {
    subject: String(t(`${key}.subject`, params)),
    body: [t(`${key}.body`, params), t('requests:templates.signature', params)].join('\n\n'),
  };
}
