import { z } from '@hono/zod-openapi';
import type { AuditLogRow } from '../../db/schema/index.js';
import { unixSeconds } from './time.js';

export const auditLogSchema = z
  .object({
    id: z.number().int(),
    auditable_id: z.number().int().nullable(),
    auditable_type: z.string(),
    action: z.string(),
    user_id: z.number().int().nullable(),
    user_type: z.string().nullable(),
    username: z.string().nullable(),
    audited_changes: z.record(z.string(), z.unknown()),
    remote_address: z.string().nullable(),
    created_at: z.number().int().openapi({ description: 'Unix seconds' }),
  })
  .openapi('AuditLog');

export const serializeAuditLog = (row: AuditLogRow): z.infer<typeof auditLogSchema> => ({
  id: row.id,
  auditable_id: row.auditableId,
  auditable_type: row.auditableType,
  action: row.action,
  user_id: row.userId,
  user_type: row.userId === null ? null : 'User',
  username: row.username,
  audited_changes: row.auditedChanges,
  remote_address: row.remoteAddress,
  created_at: unixSeconds(row.createdAt) ?? 0,
});
