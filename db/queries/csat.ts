import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { contacts, conversations, csatSurveys, users } from '../schema/index.js';

export type CsatSurveyRow = typeof csatSurveys.$inferSelect;

/**
 * On resolve in an inbox with CSAT on: a survey to send, unless the conversation already has an
 * answer (one per conversation) or one waiting. A withdrawn or expired one asks again.
 */
export async function queueCsatSurvey(
  tx: DatabaseOrTransaction,
  values: { accountId: number; conversationId: number; inboxId: number; contactId: number; assigneeId: number | null },
): Promise<CsatSurveyRow | undefined> {
  const [row] = await tx
    .insert(csatSurveys)
    .values({ ...values, status: 'pending' })
    .onConflictDoUpdate({
      target: csatSurveys.conversationId,
      set: { status: 'pending', assigneeId: values.assigneeId, messageId: null, sentAt: null, expiresAt: null, emailedAt: null, updatedAt: sql`now()` },
      setWhere: inArray(csatSurveys.status, ['withdrawn', 'expired']),
    })
    .returning();
  return row;
}

/** A reopen before the answer withdraws the survey; returns whether one was withdrawn. */
export async function withdrawCsatSurvey(tx: DatabaseOrTransaction, conversationId: number) {
  const rows = await tx
    .update(csatSurveys)
    .set({ status: 'withdrawn', updatedAt: sql`now()` })
    .where(and(eq(csatSurveys.conversationId, conversationId), inArray(csatSurveys.status, ['pending', 'sent'])))
    .returning({ id: csatSurveys.id });
  return rows.length > 0;
}

export async function findCsatSurvey(db: DatabaseOrTransaction, id: number) {
  const [row] = await db.select().from(csatSurveys).where(eq(csatSurveys.id, id));
  return row;
}

export async function findCsatSurveyByConversation(db: DatabaseOrTransaction, conversationId: number) {
  const [row] = await db.select().from(csatSurveys).where(eq(csatSurveys.conversationId, conversationId));
  return row;
}

export async function findCsatSurveyByUuid(db: DatabaseOrTransaction, uuid: string) {
  if (!/^[0-9a-f-]{36}$/i.test(uuid)) return undefined;
  const [row] = await db.select().from(csatSurveys).where(eq(csatSurveys.uuid, uuid));
  return row;
}

/** Records (or replaces) the answer while the survey is open; undefined when it is not (withdrawn, expired, not sent). */
export async function recordCsatAnswer(db: DatabaseOrTransaction, { uuid, rating, feedback }: { uuid: string; rating: number; feedback: string | null }) {
  const [row] = await db
    .update(csatSurveys)
    .set({ rating, feedback, status: 'answered', answeredAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(csatSurveys.uuid, uuid), inArray(csatSurveys.status, ['sent', 'answered']), sql`${csatSurveys.expiresAt} > now()`))
    .returning();
  return row;
}

export async function expireCsatSurvey(db: DatabaseOrTransaction, id: number) {
  await db.update(csatSurveys).set({ status: 'expired', updatedAt: sql`now()` }).where(and(eq(csatSurveys.id, id), eq(csatSurveys.status, 'sent')));
}

export type CsatReportFilter = { accountId: number; since: Date; until: Date; agentIds?: number[] };

const inReport = (filter: CsatReportFilter) =>
  and(
    eq(csatSurveys.accountId, filter.accountId),
    gte(csatSurveys.sentAt, filter.since),
    lt(csatSurveys.sentAt, filter.until),
    filter.agentIds?.length ? inArray(csatSurveys.assigneeId, filter.agentIds) : undefined,
  );

/** Surveys sent (withdrawn ones never reached an answerable state and do not count) and answers per rating, in one scan. */
export async function csatCounts(db: DatabaseOrTransaction, filter: CsatReportFilter) {
  const rows = await db
    .select({ status: csatSurveys.status, rating: csatSurveys.rating, count: sql<number>`count(*)::int` })
    .from(csatSurveys)
    .where(inReport(filter))
    .groupBy(csatSurveys.status, csatSurveys.rating);
  return rows;
}

export async function listCsatResponses(db: DatabaseOrTransaction, filter: CsatReportFilter & { limit?: number; offset?: number }) {
  const query = db
    .select({
      survey: csatSurveys,
      conversationDisplayId: conversations.displayId,
      contact: { id: contacts.id, name: contacts.name, email: contacts.email },
      agent: { id: users.id, name: sql<string | null>`coalesce(${users.displayName}, ${users.name})`, email: users.email },
    })
    .from(csatSurveys)
    .innerJoin(conversations, eq(conversations.id, csatSurveys.conversationId))
    .innerJoin(contacts, eq(contacts.id, csatSurveys.contactId))
    .leftJoin(users, eq(users.id, csatSurveys.assigneeId))
    .where(and(inReport(filter), eq(csatSurveys.status, 'answered')))
    .orderBy(desc(csatSurveys.answeredAt), desc(csatSurveys.id));
  return filter.limit ? query.limit(filter.limit).offset(filter.offset ?? 0) : query;
}
