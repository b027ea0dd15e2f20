import { listAuditLogs } from '../../../db/queries/audit-logs.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden } from '../../errors.js';
import { serializeAuditLog } from '../../serializers/audit-log.js';

export const auditLogsPageSize = 15;

/** Chatwoot's audit_logs page: newest first, 15 a page, filterable by who and what. */
export async function listAccountAuditLogs(ctx: ServiceContext, input: { page: number; userId?: number; action?: string; auditableType?: string }) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can read the audit log');
  const { rows, total } = await listAuditLogs(ctx.db, { accountId: ctx.actor.accountId, ...input, pageSize: auditLogsPageSize });
  return { per_page: auditLogsPageSize, total_entries: total, current_page: input.page, audit_logs: rows.map(serializeAuditLog) };
}
