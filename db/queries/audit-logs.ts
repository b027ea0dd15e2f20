import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, auditLogs, users } from '../schema/index.js';

export type AuditEntry = {
  accountId: number;
  userId: number | null;
  action: string;
  auditableType: string;
  auditableId?: number | null;
  auditedChanges?: Record<string, unknown>;
  remoteAddress?: string | null;
};

/** Writes one entry with the acting user's name as it is now; call it with the change's transaction. */
export async function insertAuditLog(db: DatabaseOrTransaction, entry: AuditEntry) {
  await db.insert(auditLogs).values({
    accountId: entry.accountId,
    userId: entry.userId,
    username: entry.userId === null ? null : sql`(select coalesce(${users.displayName}, ${users.name}) from ${users} where ${users.id} = ${entry.userId}::int)`,
    action: entry.action,
    auditableType: entry.auditableType,
    auditableId: entry.auditableId ?? null,
    auditedChanges: entry.auditedChanges ?? {},
    remoteAddress: entry.remoteAddress ?? null,
  });
}

export type AuditLogFilter = { accountId: number; userId?: number; action?: string; auditableType?: string; page: number; pageSize: number };

/** Newest first, one page, with the total under the same filter. */
export async function listAuditLogs(db: DatabaseOrTransaction, filter: AuditLogFilter) {
  const conditions: (SQL | undefined)[] = [
    eq(auditLogs.accountId, filter.accountId),
    filter.userId !== undefined ? eq(auditLogs.userId, filter.userId) : undefined,
    filter.action !== undefined ? eq(auditLogs.action, filter.action) : undefined,
    filter.auditableType !== undefined ? eq(auditLogs.auditableType, filter.auditableType) : undefined,
  ];
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLogs)
      .where(where)
      .orderBy(desc(auditLogs.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(auditLogs).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** A sign-in (or a failed one) concerns every account the user belongs to: one entry in each. */
export async function insertAuditLogInEveryAccountOf(
  db: DatabaseOrTransaction,
  entry: { userId: number; action: string; auditableType: string; remoteAddress?: string | null; auditedChanges?: Record<string, unknown> },
) {
  await db.execute(sql`
    insert into ${auditLogs} (account_id, user_id, username, action, auditable_type, auditable_id, audited_changes, remote_address)
    select m.account_id, u.id, coalesce(u.display_name, u.name), ${entry.action}, ${entry.auditableType}, u.id, ${JSON.stringify(entry.auditedChanges ?? {})}::jsonb, ${entry.remoteAddress ?? null}
    from ${accountMemberships} m join ${users} u on u.id = m.user_id
    where m.user_id = ${entry.userId}::int`);
}
