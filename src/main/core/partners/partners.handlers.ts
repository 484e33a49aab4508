import type { HandlersOf } from '../handlers.types';
import {
  createFlow,
  createPartner,
  deleteFlow,
  deletePartner,
  getFlow,
  getPartner,
  listFlows,
  listPartners,
  setPartnerStatus,
  updateFlow,
  updatePartner,
} from './partners.service';

export const partnerHandlers: HandlersOf<'partners:'> = {
  'partners:list': (input, ctx) => listPartners(ctx.db, input),
  'partners:get': (input, ctx) => getPartner(ctx.db, input.id),
  'partners:create': (input, ctx) => createPartner(ctx, input),
  'partners:update': (input, ctx) => updatePartner(ctx, input),
  'partners:setStatus': (input, ctx) => setPartnerStatus(ctx, input),
  'partners:delete': (input, ctx) => deletePartner(ctx, input),
};

export const flowHandlers: HandlersOf<'flows:'> = {
  'flows:list': (input, ctx) => listFlows(ctx.db, input),
  'flows:get': (input, ctx) => getFlow(ctx.db, input.id),
  'flows:create': (input, ctx) => createFlow(ctx, input),
  'flows:update': (input, ctx) => updateFlow(ctx, input),
  'flows:delete': (input, ctx) => deleteFlow(ctx, input),
};
