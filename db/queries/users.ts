import { eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, accounts, customRoles, users } from '../schema/index.js';

/** The accounts a user belongs to, with their role in each (profile, account switcher). */
export async function listMembershipsOfUser(db: DatabaseOrTransaction, userId: number) {
  return db
    .select({
      accountId: accounts.id,
      accountName: accounts.name,
      locale: accounts.locale,
      role: accountMemberships.role,
      availability: accountMemberships.availability,
      autoOffline: accountMemberships.autoOffline,
      customRoleId: customRoles.id,
      customRolePermissions: customRoles.permissions,
    })
    .from(accountMemberships)
    .innerJoin(accounts, eq(accounts.id, accountMemberships.accountId))
    .leftJoin(customRoles, eq(customRoles.id, accountMemberships.customRoleId))
    .where(eq(accountMemberships.userId, userId))
    .orderBy(accounts.id);
}
