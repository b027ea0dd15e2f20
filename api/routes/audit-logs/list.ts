import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { auditLogSchema } from '../../../core/serializers/audit-log.js';
import { listAccountAuditLogs } from '../../../core/services/audit/list.js';

export const auditLogQuerySchema = z
  .object({
    page: z.coerce.number().int().positive().max(100000).default(1),
    user_id: idParam.optional(),
    action: z.string().trim().min(1).max(64).optional(),
    auditable_type: z.string().trim().min(1).max(64).optional(),
  })
  .openapi('AuditLogQuery');

const auditLogPageSchema = z
  .object({ per_page: z.number().int(), total_entries: z.number().int(), current_page: z.number().int(), audit_logs: z.array(auditLogSchema) })
  .openapi('AuditLogPage');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/audit_logs',
  ...requires('administrator'),
  tags: ['Audit logs'],
  summary: 'Who changed what: sign-ins, settings, inboxes, agents, teams, labels, webhooks, automations, roles (administrators only, newest first)',
  security: securityUserToken,
  request: { params: accountParams, query: auditLogQuerySchema },
  responses: { 200: jsonContent(auditLogPageSchema, 'One page of entries'), ...standardErrorResponses },
});

export function registerListAuditLogs(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const page = await listAccountAuditLogs({ ...c.var.deps, actor: c.var.actor }, { page: query.page, userId: query.user_id, action: query.action, auditableType: query.auditable_type });
    return c.json(page, 200);
  });
}
