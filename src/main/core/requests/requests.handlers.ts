import type { HandlersOf } from '../handlers.types';
import {
  actOnRequest,
  createRequest,
  getRequest,
  listRequestEvents,
  listRequests,
  requestCounts,
  requestDashboard,
  updateRequest,
} from './requests.service';
import { renderRequestTemplate } from './templates';
import { purgeRequesterData } from './purge.service';

export const requestHandlers: HandlersOf<'requests:'> = {
  'requests:list': (input, ctx) => listRequests(ctx, input),
  'requests:get': (input, ctx) => getRequest(ctx, input.id),
  'requests:create': (input, ctx) => createRequest(ctx, input),
  'requests:update': (input, ctx) => updateRequest(ctx, input),
  'requests:act': (input, ctx) => actOnRequest(ctx, input),
  'requests:events': (input, ctx) => listRequestEvents(ctx, input),
  'requests:dashboard': (_input, ctx) => requestDashboard(ctx),
  'requests:counts': (_input, ctx) => requestCounts(ctx),
  'requests:template': (input, ctx) => renderRequestTemplate(ctx, input),
  'requests:purge': (input, ctx) => purgeRequesterData(ctx, input),
};
