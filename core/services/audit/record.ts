import { insertAuditLog, type AuditEntry } from '../../../db/queries/audit-logs.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { AccountActor } from '../../context.js';

/** Chatwoot's auditable class names, so a Chatwoot client reading audit_logs recognises them. */
export type AuditableType = 'Account' | 'Inbox' | 'User' | 'AccountUser' | 'Team' | 'Label' | 'Webhook' | 'AutomationRule' | 'CustomRole';
export type AuditAction = 'create' | 'update' | 'destroy' | 'sign_in' | 'sign_in_failed' | 'role_assigned';

/**
 * Records that the actor changed something. Pass the transaction that makes the change: the entry
 * commits with it or not at all.
 */
export function recordAudit(
  tx: DatabaseOrTransaction,
  actor: Pick<AccountActor, 'accountId' | 'userId'>,
  entry: { action: AuditAction; auditableType: AuditableType; auditableId?: number | null; changes?: Record<string, unknown> },
) {
  const row: AuditEntry = {
    accountId: actor.accountId,
    userId: actor.userId,
    action: entry.action,
    auditableType: entry.auditableType,
    auditableId: entry.auditableId,
    auditedChanges: entry.changes,
  };
  return insertAuditLog(tx, row);
}

/** `{ field: [before, after] }` for the fields that changed, Chatwoot's audited_changes of an update. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = [before[key] ?? null, value];
  }
  return changes;
}
