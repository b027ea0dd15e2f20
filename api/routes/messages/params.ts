import { z } from '@hono/zod-openapi';
import { conversationParams } from '../conversations/params.js';

export const messageParams = conversationParams.extend({
  message_id: z.coerce.number().int().positive().openapi({ param: { name: 'message_id', in: 'path' }, description: "The message's id", example: 1 }),
});
