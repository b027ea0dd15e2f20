import { z } from '@hono/zod-openapi';
import { conversationParams } from '../conversations/params.js';
import { idParam } from '../../openapi-schemas.js';

export const messageParams = conversationParams.extend({
  message_id: idParam.openapi({ param: { name: 'message_id', in: 'path' }, description: "The message's id", example: 1 }),
});
