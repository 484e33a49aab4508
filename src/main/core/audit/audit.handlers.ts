import type { HandlersOf } from '../handlers.types';
import { auditChangesSince, listAuditForEntity } from './audit.service';
import { verifyAuditChain } from './audit-verify';

export const auditHandlers: HandlersOf<'audit:'> = {
  'audit:forEntity': (input, ctx) => listAuditForEntity(ctx.db, input),
  'audit:verify': (_input, ctx) => verifyAuditChain(ctx),
  'audit:changes': (input, ctx) => auditChangesSince(ctx.db, input.afterId),
};
