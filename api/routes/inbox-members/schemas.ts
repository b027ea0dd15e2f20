import { z } from '@hono/zod-openapi';
import { idField } from '../../openapi-schemas.js';

export const inboxMembersRequestSchema = z
  .object({
    inbox_id: idField,
    user_ids: z.array(idField).max(1000).openapi({ example: [1, 2] }),
  })
  .openapi('InboxMembersRequest');
