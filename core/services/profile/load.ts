import { eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { listMembershipsOfUser } from '../../../db/queries/users.js';
import { users } from '../../../db/schema/index.js';
import { notFound } from '../../errors.js';
import { permissionsOf } from '../../domain/permissions.js';

/** The profile JSON (the `Profile` schema): the user and every account they belong to. */
export async function loadProfile(db: DatabaseOrTransaction, userId: number) {
  const [[user], memberships] = await Promise.all([db.select().from(users).where(eq(users.id, userId)).limit(1), listMembershipsOfUser(db, userId)]);
  if (!user) throw notFound('User');
  return {
    id: user.id,
    name: user.name,
    display_name: user.displayName,
    email: user.email,
    ui_locale: user.uiLocale,
    account_id: memberships[0]?.accountId ?? null,
    role: memberships[0]?.role ?? null,
    accounts: memberships.map((m) => ({
      id: m.accountId,
      name: m.accountName,
      locale: m.locale,
      role: m.role,
      availability_status: m.availability,
      auto_offline: m.autoOffline,
      custom_role_id: m.role === 'agent' ? m.customRoleId : null,
      // What the console shows or hides by; the API enforces the same set on every route.
      permissions: [...permissionsOf({ role: m.role, customRole: m.customRolePermissions && m.role === 'agent' ? { permissions: m.customRolePermissions } : null })],
    })),
  };
}
