import type { HandlersOf } from '../handlers.types';
import { listAuditForEntity, verifyAuditChain } from './audit.service';

export const auditHandlers: HandlersOf<'audit:'> = {
  'audit:forEntity': (input, ctx) => listAuditForEntity(ctx.db, input),
  'audit:verify': (_input, ctx) => verifyAuditChain(ctx.db),
};
