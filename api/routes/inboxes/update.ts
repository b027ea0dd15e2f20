import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { updateInbox } from '../../../core/services/inboxes/update.js';
import { businessHoursFields, channelInputOf, channelSettingsFields, inboxNameSchema, inboxParams } from './schemas.js';

export const updateInboxRequestSchema = z
  .object({
    name: inboxNameSchema.optional(),
    enable_auto_assignment: z.boolean().optional(),
    csat_survey_enabled: z.boolean().optional().openapi({ description: 'Ask customers to rate conversations resolved in this inbox (off by default)' }),
    ...businessHoursFields,
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
      },
    );
    return c.json(inbox, 200);
  });
}
