import { z } from '@hono/zod-openapi';
import { rolePermissions, type customRoles } from '../../db/schema/index.js';

export const rolePermissionSchema = z.enum(rolePermissions).openapi('RolePermission');

export const customRoleSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    permissions: z.array(rolePermissionSchema),
  })
  .openapi('CustomRole');

export type CustomRoleJson = z.infer<typeof customRoleSchema>;

export const serializeCustomRole = (row: typeof customRoles.$inferSelect): CustomRoleJson => ({
  id: row.id,
  name: row.name,
  description: row.description,
  // Stored in the order given; answered in the canonical order so clients can compare lists.
  permissions: rolePermissions.filter((p) => row.permissions.includes(p)),
});
