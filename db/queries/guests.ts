import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { attachments, conversations, guestAccesses, guestPasswordTokens, guests, guestSessions, messages, users } from '../schema/index.js';

export type GuestRow = typeof guests.$inferSelect;

export async function findGuestByEmail(db: DatabaseOrTransaction, { accountId, email }: { accountId: number; email: string }) {
  const [row] = await db.select().from(guests).where(and(eq(guests.accountId, accountId), eq(guests.email, email.trim().toLowerCase()))).limit(1);
  return row;
}

/** The guest with this e-mail in the account, made (with this password) when there is none yet. */
export async function upsertGuest(db: DatabaseOrTransaction, { accountId, email, passwordHash }: { accountId: number; email: string; passwordHash: string }) {
  const [row] = await db
    .insert(guests)
    .values({ accountId, email: email.trim().toLowerCase(), passwordHash })
    .onConflictDoUpdate({ target: [guests.accountId, guests.email], set: { passwordHash, updatedAt: sql`now()` } })
    .returning();
  return row;
}

export async function setGuestPassword(db: DatabaseOrTransaction, { guestId, passwordHash }: { guestId: number; passwordHash: string }) {
  await db.update(guests).set({ passwordHash, updatedAt: sql`now()` }).where(eq(guests.id, guestId));
}

/** A live access for the guest to the conversation: the existing one, or a new one by this agent. */
export async function ensureGuestAccess(
  db: DatabaseOrTransaction,
  values: { accountId: number; guestId: number; conversationId: number; createdById: number },
): Promise<{ id: number; created: boolean }> {
  const [inserted] = await db
    .insert(guestAccesses)
    .values(values)
    .onConflictDoNothing({ target: [guestAccesses.guestId, guestAccesses.conversationId], where: sql`revoked_at is null` })
    .returning({ id: guestAccesses.id });
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await db
    .select({ id: guestAccesses.id })
    .from(guestAccesses)
    .where(and(eq(guestAccesses.guestId, values.guestId), eq(guestAccesses.conversationId, values.conversationId), isNull(guestAccesses.revokedAt)));
  return { id: existing.id, created: false };
}

/** Every access ever given to a conversation, newest first, with who made it and the guest's last sign-in. */
export async function listConversationGuestAccesses(db: DatabaseOrTransaction, { accountId, conversationId }: { accountId: number; conversationId: number }) {
  return db
    .select({
      id: guestAccesses.id,
      guestId: guests.id,
      email: guests.email,
      createdAt: guestAccesses.createdAt,
      revokedAt: guestAccesses.revokedAt,
      lastSignInAt: guests.lastSignInAt,
      createdById: guestAccesses.createdById,
      createdByName: sql<string | null>`coalesce(${users.displayName}, ${users.name})`,
    })
    .from(guestAccesses)
    .innerJoin(guests, eq(guests.id, guestAccesses.guestId))
    .leftJoin(users, eq(users.id, guestAccesses.createdById))
    .where(and(eq(guestAccesses.accountId, accountId), eq(guestAccesses.conversationId, conversationId)))
    .orderBy(desc(guestAccesses.createdAt), desc(guestAccesses.id));
}

export type GuestAccessListRow = Awaited<ReturnType<typeof listConversationGuestAccesses>>[number];

export async function findConversationGuestAccess(db: DatabaseOrTransaction, { accountId, conversationId, accessId }: { accountId: number; conversationId: number; accessId: number }) {
  const rows = await listConversationGuestAccesses(db, { accountId, conversationId });
  return rows.find((row) => row.id === accessId);
}

export async function revokeGuestAccess(db: DatabaseOrTransaction, accessId: number) {
  const [row] = await db.update(guestAccesses).set({ revokedAt: sql`now()` }).where(and(eq(guestAccesses.id, accessId), isNull(guestAccesses.revokedAt))).returning({ id: guestAccesses.id });
  return row !== undefined;
}

export async function insertGuestSession(db: DatabaseOrTransaction, values: typeof guestSessions.$inferInsert) {
  const [row] = await db.insert(guestSessions).values(values).returning({ id: guestSessions.id });
  await db.update(guests).set({ lastSignInAt: sql`now()` }).where(eq(guests.id, values.guestId));
  return row;
}

/** A guest session neither revoked, expired nor idle too long (by the database's clock). */
export async function findGuestBySessionTokenHash(db: DatabaseOrTransaction, { tokenHash, idleTimeoutMs }: { tokenHash: string; idleTimeoutMs: number }) {
  const [row] = await db
    .select({ guest: { id: guests.id, accountId: guests.accountId, email: guests.email }, sessionId: guestSessions.id })
    .from(guestSessions)
    .innerJoin(guests, eq(guests.id, guestSessions.guestId))
    .where(
      and(
        eq(guestSessions.tokenHash, tokenHash),
        isNull(guestSessions.revokedAt),
        gt(guestSessions.expiresAt, sql`now()`),
        gt(guestSessions.lastSeenAt, sql`now() - make_interval(secs => ${idleTimeoutMs / 1000}::float8)`),
      ),
    )
    .limit(1);
  if (row) await db.update(guestSessions).set({ lastSeenAt: sql`now()` }).where(and(eq(guestSessions.id, row.sessionId), sql`${guestSessions.lastSeenAt} < now() - interval '1 minute'`));
  return row;
}

export async function isGuestSessionActive(db: DatabaseOrTransaction, { sessionId, idleTimeoutMs }: { sessionId: number; idleTimeoutMs: number }) {
  const [row] = await db
    .select({ id: guestSessions.id })
    .from(guestSessions)
    .where(
      and(
        eq(guestSessions.id, sessionId),
        isNull(guestSessions.revokedAt),
        gt(guestSessions.expiresAt, sql`now()`),
        gt(guestSessions.lastSeenAt, sql`now() - make_interval(secs => ${idleTimeoutMs / 1000}::float8)`),
      ),
    );
  return row !== undefined;
}

export async function revokeGuestSession(db: DatabaseOrTransaction, sessionId: number) {
  await db.update(guestSessions).set({ revokedAt: sql`now()` }).where(and(eq(guestSessions.id, sessionId), isNull(guestSessions.revokedAt)));
}

export async function revokeGuestSessions(db: DatabaseOrTransaction, guestId: number) {
  await db.update(guestSessions).set({ revokedAt: sql`now()` }).where(and(eq(guestSessions.guestId, guestId), isNull(guestSessions.revokedAt)));
}

export async function insertGuestPasswordToken(db: DatabaseOrTransaction, values: typeof guestPasswordTokens.$inferInsert) {
  await db.insert(guestPasswordTokens).values(values);
}

/** Uses a set-password link once: the guest it belongs to, or nothing when it is unknown, used or expired. */
export async function consumeGuestPasswordToken(db: DatabaseOrTransaction, tokenHash: string) {
  const [row] = await db
    .update(guestPasswordTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(guestPasswordTokens.tokenHash, tokenHash), isNull(guestPasswordTokens.usedAt), gt(guestPasswordTokens.expiresAt, sql`now()`)))
    .returning({ guestId: guestPasswordTokens.guestId });
  return row;
}

/** The conversations a guest was given and may still open, oldest access first ("Conversation 1", "Conversation 2"…). */
export async function listGuestConversations(db: DatabaseOrTransaction, { accountId, guestId }: { accountId: number; guestId: number }) {
  return db
    .select({ accessId: guestAccesses.id, conversationId: conversations.id, displayId: conversations.displayId, inboxId: conversations.inboxId, status: conversations.status, createdAt: guestAccesses.createdAt })
    .from(guestAccesses)
    .innerJoin(conversations, eq(conversations.id, guestAccesses.conversationId))
    .where(and(eq(guestAccesses.accountId, accountId), eq(guestAccesses.guestId, guestId), isNull(guestAccesses.revokedAt)))
    .orderBy(asc(guestAccesses.createdAt), asc(guestAccesses.id));
}

/** Every file shared in the conversation's public messages, oldest first: the portal's Documents panel. */
export async function listConversationDocuments(db: DatabaseOrTransaction, { accountId, conversationId }: { accountId: number; conversationId: number }) {
  return db
    .select({
      id: attachments.id,
      accountId: attachments.accountId,
      messageId: attachments.messageId,
      fileType: attachments.fileType,
      fileName: attachments.fileName,
      contentType: attachments.contentType,
      byteSize: attachments.byteSize,
      accessKey: attachments.accessKey,
      createdAt: attachments.createdAt,
      senderType: messages.senderType,
      senderId: messages.senderId,
    })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .where(and(eq(messages.accountId, accountId), eq(messages.conversationId, conversationId), eq(messages.private, false)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function guestEmailsByIds(db: DatabaseOrTransaction, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.select({ id: guests.id, email: guests.email }).from(guests).where(inArray(guests.id, ids));
  return new Map(rows.map((row) => [row.id, row.email]));
}
