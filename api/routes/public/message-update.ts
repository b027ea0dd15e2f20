import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, idParam, emailAddress } from '../../openapi-schemas.js';
import { publicMessageSchema } from '../../../core/serializers/public.js';
import { answerPublicMessage } from '../../../core/services/public/messages.js';
import { conversationParams, publicErrorResponses } from './schemas.js';
import { requires } from '../../route-access.js';

const messageParams = conversationParams.extend({
  message_id: idParam.openapi({ param: { name: 'message_id', in: 'path' }, description: "The message's id", example: 1 }),
});

export const publicMessageAnswerSchema = z
  .object({
    submitted_values: z
      .union([z.array(z.record(z.string(), z.unknown())).max(50), z.record(z.string(), z.unknown())])
      .optional()
      .refine((value) => value === undefined || JSON.stringify(value).length <= 20_000, 'submitted_values is limited to 20,000 characters of JSON')
      .openapi({ description: 'The answers to a form or cards message', example: [{ name: 'order', title: 'Order number', value: '4711' }] }),
    contact: z
      .object({ email: emailAddress })
      .optional()
      .openapi({ description: 'The answer to an e-mail card (content_type input_email)' }),
  })
  .openapi('PublicMessageAnswerRequest');

const route = createRoute({
  method: 'patch',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages/{message_id}',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor answers a message that asks for input (an e-mail card, a form, cards)',
  request: { params: messageParams, body: jsonBody(publicMessageAnswerSchema) },
  responses: { 200: jsonContent(publicMessageSchema, 'The message with the answer'), ...publicErrorResponses },
});

export function registerPublicMessageUpdate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id, message_id } = c.req.valid('param');
    const body = c.req.valid('json');
    const message = await answerPublicMessage(c.var.deps, {
      inboxIdentifier: inbox_identifier,
      contactIdentifier: contact_identifier,
      displayId: conversation_id,
      messageId: message_id,
      submittedValues: body.submitted_values,
      email: body.contact?.email,
    });
    return c.json(message, 200);
  });
}
