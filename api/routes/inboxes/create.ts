import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { createInbox } from '../../../core/services/inboxes/create.js';
import { channelInputOf, channelSettingsFields, channelTypeSchema, inboxNameSchema } from './schemas.js';

export const createInboxRequestSchema = z
  .object({
    name: inboxNameSchema,
    channel: z.object({ type: channelTypeSchema, ...channelSettingsFields }),
    enable_auto_assignment: z.boolean().optional(),
    csat_survey_enabled: z.boolean().optional().openapi({ description: 'Ask customers to rate conversations resolved in this inbox (off by default)' }),
  })
  .openapi('CreateInboxRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/inboxes',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'Create an inbox: website widget, API, email or guest portal (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createInboxRequestSchema) },
  responses: { 200: jsonContent(inboxSchema, 'The new inbox; website inboxes carry the embed script'), ...standardErrorResponses },
});

export function registerCreateInbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const inbox = await createInbox(
      { ...c.var.deps, actor: c.var.actor },
      { name: body.name, channelType: body.channel.type, channel: channelInputOf(body.channel), enableAutoAssignment: body.enable_auto_assignment, csatSurveyEnabled: body.csat_survey_enabled },
    );
    return c.json(inbox, 200);
  });
}
