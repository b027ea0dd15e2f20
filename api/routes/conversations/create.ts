import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField, emailAddress } from '../../openapi-schemas.js';
import { camelKeys } from '../../../core/serializers/contact.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { createConversation } from '../../../core/services/conversations/create.js';

/** Addresses as a list or, as Chatwoot sends them, one comma-separated string. */
const emailListSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((address) => address.trim()).filter(Boolean) : value),
  z.array(emailAddress).max(50),
);

export const createConversationRequestSchema = z
  .object({
    inbox_id: idField,
    contact_id: idField,
    source_id: z.string().min(1).max(255).optional(),
    status: z.enum(['open', 'pending']).optional(),
    assignee_id: idField.nullable().optional(),
    team_id: idField.nullable().optional(),
    additional_attributes: z.record(z.string(), z.unknown()).optional(),
    custom_attributes: z.record(z.string(), z.unknown()).optional(),
    message: z
      .object({
        content: z.string().trim().min(1).max(150_000),
        to_emails: emailListSchema.optional().openapi({ description: 'Email inboxes: recipients instead of the contact’s address' }),
        cc_emails: emailListSchema.optional(),
        bcc_emails: emailListSchema.optional(),
      })
      .optional()
      .openapi({ description: 'A first outgoing message, sent like any reply (email: with `additional_attributes.mail_subject` as its subject). Leave out to create the conversation without sending' }),
  })
  .openapi('CreateConversationRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Start a conversation with a contact in an inbox, optionally with a first outgoing message',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createConversationRequestSchema) },
  responses: { 200: jsonContent(conversationSchema, 'The new conversation'), ...standardErrorResponses },
});

export function registerCreateConversation(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const conversation = await createConversation(
      { ...c.var.deps, actor: c.var.actor },
      {
        inboxId: body.inbox_id,
        contactId: body.contact_id,
        sourceId: body.source_id,
        status: body.status,
        assigneeId: body.assignee_id,
        teamId: body.team_id,
        additionalAttributes: body.additional_attributes ? camelKeys(body.additional_attributes) : undefined,
        customAttributes: body.custom_attributes,
        message: body.message && {
          content: body.message.content,
          contentAttributes: {
            ...(body.message.to_emails?.length ? { to_emails: body.message.to_emails } : {}),
            ...(body.message.cc_emails?.length ? { cc_emails: body.message.cc_emails } : {}),
            ...(body.message.bcc_emails?.length ? { bcc_emails: body.message.bcc_emails } : {}),
          },
        },
      },
    );
    return c.json(conversation, 200);
  });
}
