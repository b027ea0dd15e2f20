import { z } from '@hono/zod-openapi';
import { accountParams, idParam } from '../../openapi-schemas.js';
import { rolePermissionSchema } from '../../../core/serializers/custom-role.js';

export const customRoleParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const customRoleFields = {
  name: z.string().trim().min(1).max(255).openapi({ example: 'Junior support' }),
  description: z.string().trim().max(1000).nullable().optional(),
  permissions: z.array(rolePermissionSchema).max(20),
};
