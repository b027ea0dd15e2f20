import { z } from '@hono/zod-openapi';

export const inboxMembersRequestSchema = z
  .object({
    inbox_id: z.number().int().positive(),
    user_ids: z.array(z.number().int().positive()).max(1000).openapi({ example: [1, 2] }),
  })
  .openapi('InboxMembersRequest');
