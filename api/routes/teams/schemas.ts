import { z } from '@hono/zod-openapi';
import { accountParams, idField, idParam } from '../../openapi-schemas.js';

export const teamParams = accountParams.extend({
  team_id: idParam.openapi({ param: { name: 'team_id', in: 'path' }, example: 1 }),
});

export const teamFields = {
  name: z.string().trim().min(1).max(255).openapi({ example: 'Billing' }),
  description: z.string().trim().max(1000).nullable().optional(),
  allow_auto_assign: z.boolean().optional(),
};

export const teamMembersRequestSchema = z
  .object({ user_ids: z.array(idField).max(1000).openapi({ example: [1, 2] }) })
  .openapi('TeamMembersRequest');
