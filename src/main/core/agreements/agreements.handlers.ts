import type { HandlersOf } from '../handlers.types';
import {
  attachDocument,
  createAgreement,
  deleteAgreement,
  detachDocument,
  downloadDocument,
  getAgreement,
  listAgreements,
  openDocument,
  updateAgreement,
} from './agreements.service';

export const agreementHandlers: HandlersOf<'agreements:'> = {
  'agreements:list': (input, ctx) => listAgreements(ctx, input),
  'agreements:get': (input, ctx) => getAgreement(ctx, input.id),
  'agreements:create': (input, ctx) => createAgreement(ctx, input),
  'agreements:update': (input, ctx) => updateAgreement(ctx, input),
  'agreements:delete': (input, ctx) => deleteAgreement(ctx, input),
  'agreements:attach': (input, ctx) => attachDocument(ctx, input),
  'agreements:detach': (input, ctx) => detachDocument(ctx, input),
  'agreements:download': (input, ctx) => downloadDocument(ctx, input.id),
  'agreements:open': (input, ctx) => openDocument(ctx, input.id),
};
