import { z } from '@hono/zod-openapi';
import { webhookDeliveryStatuses, webhookEvents } from '../../../db/schema/index.js';
import { httpUrlSchema } from '../../../core/domain/http-url.js';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const webhookParams = accountParams.extend({
  webhook_id: idParam.openapi({ param: { name: 'webhook_id', in: 'path' }, example: 1 }),
});

export const deliveryParams = webhookParams.extend({
  delivery_id: idParam.openapi({ param: { name: 'delivery_id', in: 'path' }, example: 1 }),
});

/** Chatwoot's webhook body: `url` and the events it subscribes to (`name` optional). */
export const webhookFields = {
  url: httpUrlSchema().openapi({ example: 'https://hooks.example.com/parley' }),
  subscriptions: z.array(z.enum(webhookEvents)).min(1).openapi({ example: ['message_created', 'conversation_status_changed'] }),
  name: z.string().trim().max(255).nullable().optional(),
};

export const deliveryFilterQuery = z.object({
  status: z.enum(webhookDeliveryStatuses).optional(),
  event: z.enum(webhookEvents).optional(),
  before: idParam.optional().openapi({ description: 'Only deliveries older than this id (the next page)' }),
});
