import { z } from '@hono/zod-openapi';
import { accountParams } from '../../openapi-schemas.js';

export const conversationParams = accountParams.extend({
  conversation_id: z.coerce.number().int().positive().openapi({ param: { name: 'conversation_id', in: 'path' }, description: "The conversation's display id", example: 1 }),
});
