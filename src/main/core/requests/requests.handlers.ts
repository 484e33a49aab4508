import type { HandlersOf } from '../handlers.types';
import { createRequest, updateRequest } from './intake.service';
import { actOnRequest } from './workflow.service';
import { getRequest, listRequestEvents, listRequests, requestCounts, requestDashboard } from './desk.service';
import { listLetterTemplates, recordLetterSent, renderRequestTemplate, resetLetterTemplate, saveLetterTemplate } from './templates';
import { purgeRequesterData } from './purge.service';
import { assignRequest, myRequests } from './assignment.service';
import { masked } from './masking';
import { createRequestFromEmail, downloadRequestAttachment, listRequestAttachments, previewRequestEmail } from './email-intake.service';

export const requestHandlers: HandlersOf<'requests:'> = {
  'requests:list': (input, ctx) => listRequests(ctx, input),
  'requests:get': async (input, ctx) => masked(ctx, await getRequest(ctx, input.id)),
  'requests:create': (input, ctx) => createRequest(ctx, input),
  'requests:update': (input, ctx) => updateRequest(ctx, input),
  'requests:act': (input, ctx) => actOnRequest(ctx, input),
  'requests:events': (input, ctx) => listRequestEvents(ctx, input),
  'requests:dashboard': (_input, ctx) => requestDashboard(ctx),
  'requests:counts': (_input, ctx) => requestCounts(ctx),
  'requests:template': (input, ctx) => renderRequestTemplate(ctx, input),
  'requests:sendLetter': (input, ctx) => recordLetterSent(ctx, input),
  'requests:letterTemplates': (_input, ctx) => listLetterTemplates(ctx),
  'requests:saveLetterTemplate': (input, ctx) => saveLetterTemplate(ctx, input),
  'requests:resetLetterTemplate': (input, ctx) => resetLetterTemplate(ctx, input),
  'requests:purge': (input, ctx) => purgeRequesterData(ctx, input),
  'requests:parseEmail': (input, ctx) => previewRequestEmail(ctx, input),
  'requests:createFromEmail': (input, ctx) => createRequestFromEmail(ctx, input),
  'requests:attachments': (input, ctx) => listRequestAttachments(ctx, input.id),
  'requests:downloadAttachment': (input, ctx) => downloadRequestAttachment(ctx, input.id),
  'requests:assign': (input, ctx) => assignRequest(ctx, input),
  'requests:mine': (input, ctx) => myRequests(ctx, input),
};
