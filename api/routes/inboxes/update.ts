import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { updateInbox } from '../../../core/services/inboxes/update.js';
import { assignmentLimitSchema, businessHoursFields, channelInputOf, channelSettingsFields, inboxNameSchema, inboxParams } from './schemas.js';
import { assignmentQueueOrders, assignmentStrategies } from '../../../db/schema/index.js';
import type { InboxRoutingChanges } from '../../../db/queries/inboxes.js';

export const updateInboxRequestSchema = z
  .object({
    name: inboxNameSchema.optional(),
    enable_auto_assignment: z.boolean().optional(),
    csat_survey_enabled: z.boolean().optional().openapi({ description: 'Ask customers to rate conversations resolved in this inbox (off by default)' }),
    ...businessHoursFields,
    auto_assignment_config: z
      .object({ max_assignment_limit: assignmentLimitSchema.nullable().optional() })
      .optional()
      .openapi({ description: 'Chatwoot’s form: `max_assignment_limit` (null: no limit)' }),
    assignment_policy: z
      .object({
        strategy: z.enum(assignmentStrategies).optional(),
        queue_order: z.enum(assignmentQueueOrders).optional(),
        fair_distribution_limit: assignmentLimitSchema.nullable().optional(),
        fair_distribution_window_seconds: z.number().int().min(60).max(7 * 24 * 3600).optional(),
        agent_limits: z
          .array(z.object({ user_id: idField, max_assignment_limit: assignmentLimitSchema.nullable() }))
          .max(500)
          .optional()
          .openapi({ description: 'Per-agent limits in this inbox, overriding max_assignment_limit (null: back to the inbox’s); each must be a member' }),
      })
      .optional()
      .openapi({ description: 'Parley’s routing settings beside Chatwoot’s' }),
    channel: z
      .object({
        ...channelSettingsFields,
        hmac_mandatory: z.boolean().optional().openapi({ description: 'Website and API inboxes: refuse visitor identifiers without a valid identifier_hash' }),
        regenerate_hmac_token: z.literal(true).optional().openapi({ description: 'Website and API inboxes: replace the identity-validation secret (old hashes stop working)' }),
      })
      .optional()
      .openapi({ description: 'Settings to change; the channel type cannot change' }),
  })
  .openapi('UpdateInboxRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'Update an inbox’s name, auto-assignment, business hours or channel settings (administrators only)',
  security: securityUserToken,
  request: { params: inboxParams, body: jsonBody(updateInboxRequestSchema) },
  responses: { 200: jsonContent(inboxSchema, 'The updated inbox'), ...standardErrorResponses },
});

export function registerUpdateInbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const inbox = await updateInbox(
      { ...c.var.deps, actor: c.var.actor },
      id,
      {
        name: body.name,
        enableAutoAssignment: body.enable_auto_assignment,
        csatSurveyEnabled: body.csat_survey_enabled,
        businessHours: { enabled: body.working_hours_enabled, timezone: body.timezone, days: body.working_hours },
        channel: body.channel ? channelInputOf(body.channel) : undefined,
        identityValidation: body.channel ? { hmacMandatory: body.channel.hmac_mandatory, regenerateHmacToken: body.channel.regenerate_hmac_token } : undefined,
        routing: routingChangesOf(body),
        agentLimits: body.assignment_policy?.agent_limits?.map((limit) => ({ userId: limit.user_id, maxAssignmentLimit: limit.max_assignment_limit })),
      },
    );
    return c.json(inbox, 200);
  });
}

function routingChangesOf(body: z.infer<typeof updateInboxRequestSchema>): InboxRoutingChanges | undefined {
  const policy = body.assignment_policy;
  const changes: InboxRoutingChanges = {
    maxAssignmentLimit: body.auto_assignment_config?.max_assignment_limit,
    assignmentStrategy: policy?.strategy,
    assignmentQueueOrder: policy?.queue_order,
    fairDistributionLimit: policy?.fair_distribution_limit,
    fairDistributionWindowSeconds: policy?.fair_distribution_window_seconds,
  };
  const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return Object.keys(given).length ? given : undefined;
}
