import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent } from '../../openapi-schemas.js';
import { recordWidgetTriggered } from '../../../core/services/public/widget-events.js';
import { contactParams, publicErrorResponses } from './schemas.js';
import { requires } from '../../route-access.js';

const shortText = z.string().max(500);

export const widgetEventRequestSchema = z
  .object({
    name: z.literal('webwidget.triggered').openapi({ description: "The widget event (Chatwoot's name): the visitor opened the chat" }),
    event_info: z
      .object({
        initiated_at: z.object({ timestamp: shortText }).optional(),
        referer: z.string().max(2000).optional(),
        widget_language: shortText.optional(),
        browser_language: shortText.optional(),
        browser: z
          .object({
            browser_name: shortText.optional(),
            browser_version: shortText.optional(),
            device_name: shortText.optional(),
            platform_name: shortText.optional(),
            platform_version: shortText.optional(),
          })
          .optional(),
      })
      .default({}),
  })
  .openapi('PublicWidgetEventRequest');

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/widget_events',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor opened the widget (webhooks hear webwidget_triggered with the page it was opened on)',
  request: { params: contactParams, body: jsonBody(widgetEventRequestSchema) },
  responses: { 200: jsonContent(z.object({}).openapi('PublicWidgetEventResponse'), 'Recorded'), ...publicErrorResponses },
});

export function registerPublicWidgetEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    const { event_info } = c.req.valid('json');
    await recordWidgetTriggered(c.var.deps, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier, eventInfo: event_info });
    return c.json({}, 200);
  });
}
