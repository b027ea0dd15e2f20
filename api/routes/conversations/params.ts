import { z } from '@hono/zod-openapi';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const conversationParams = accountParams.extend({
  conversation_id: idParam.openapi({ param: { name: 'conversation_id', in: 'path' }, description: "The conversation's display id", example: 1 }),
});
