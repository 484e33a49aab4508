import type { HandlersOf } from '../handlers.types';
import { createPartner, deletePartner, getPartner, listPartners, setPartnerStatus, updatePartner } from './partners.service';

export const partnerHandlers: HandlersOf<'partners:'> = {
  'partners:list': (input, ctx) => listPartners(ctx.db, input),
  'partners:get': (input, ctx) => getPartner(ctx.db, input.id),
  'partners:create': (input, ctx) => createPartner(ctx, input),
  'partners:update': (input, ctx) => updatePartner(ctx, input),
  'partners:setStatus': (input, ctx) => setPartnerStatus(ctx, input),
  'partners:delete': (input, ctx) => deletePartner(ctx, input),
};
