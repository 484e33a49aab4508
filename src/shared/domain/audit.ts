import { z } from 'zod';
import { requiredText } from '../validation';

export const AUDIT_ACTIONS = ['create', 'update', 'status', 'delete', 'setup'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditForEntityInput = z.strictObject({
  entity: requiredText(60),
  entityId: z.number().int().positive(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: number | null;
  action: AuditAction;
  /** Field → [before, after] for updates; the whole record for creates and deletes. */
  before: unknown;
  after: unknown;
  changedFields: string[];
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The id of the first row whose hash does not match, or null. */
  firstBrokenId: number | null;
}
