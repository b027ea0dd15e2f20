import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { conversationLabels, conversations, inboxes, messages, reportingEvents, reportRollups } from '../../../db/schema/index.js';
import { conversationReportingEvents, type ComputedReportingEvent, type ConversationHistory } from '../../domain/reporting-metrics.js';

type RollupKey = { accountId: number; hour: Date; inboxId: number; userId: number; teamId: number; labelId: number };
type RollupCounts = {
  conversationsCount: number;
  incomingMessagesCount: number;
  outgoingMessagesCount: number;
  firstResponseCount: number;
  firstResponseMs: number;
  firstResponseBusinessMs: number;
  replyTimeCount: number;
  replyTimeMs: number;
  replyTimeBusinessMs: number;
  resolutionsCount: number;
  resolutionMs: number;
  resolutionBusinessMs: number;
};
const rollupCountColumns = [
  'conversationsCount',
  'incomingMessagesCount',
  'outgoingMessagesCount',
  'firstResponseCount',
  'firstResponseMs',
  'firstResponseBusinessMs',
  'replyTimeCount',
  'replyTimeMs',
  'replyTimeBusinessMs',
  'resolutionsCount',
  'resolutionMs',
  'resolutionBusinessMs',
] as const satisfies readonly (keyof RollupCounts)[];

const emptyCounts = (): RollupCounts => Object.fromEntries(rollupCountColumns.map((c) => [c, 0])) as RollupCounts;

/** What one event adds to its rollup rows. */
function eventCounts(event: Pick<ComputedReportingEvent, 'name' | 'valueMs' | 'businessValueMs'>): Partial<RollupCounts> {
  switch (event.name) {
    case 'conversation_created':
      return { conversationsCount: 1 };
    case 'message_incoming':
      return { incomingMessagesCount: 1 };
    case 'message_outgoing':
      return { outgoingMessagesCount: 1 };
    case 'first_response':
      return { firstResponseCount: 1, firstResponseMs: event.valueMs, firstResponseBusinessMs: event.businessValueMs };
    case 'reply_time':
      return { replyTimeCount: 1, replyTimeMs: event.valueMs, replyTimeBusinessMs: event.businessValueMs };
    case 'conversation_resolved':
      return { resolutionsCount: 1, resolutionMs: event.valueMs, resolutionBusinessMs: event.businessValueMs };
  }
}

const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);

export type StoredEvent = ComputedReportingEvent & { accountId: number; inboxId: number; conversationId: number };

/**
 * Brings one conversation's reporting events and the rollups they feed up to date with its history,
 * inside the caller's transaction (the one writing the message, status change, assignment or
 * labels that changed it). The conversation row is locked, so concurrent writers take turns and
 * the last one sees every committed message: whatever the interleaving, the rows end as the
 * rebuild would compute them. Events that no longer hold (a relabelled conversation's) are taken
 * back from the rollups exactly, then the new ones added.
 */
export async function syncConversationReporting(tx: DatabaseOrTransaction, conversationId: number): Promise<void> {
  const [conversation] = await tx
    .select({ id: conversations.id, accountId: conversations.accountId, inboxId: conversations.inboxId, createdAt: conversations.createdAt, assigneeId: conversations.assigneeId, teamId: conversations.teamId })
    .from(conversations)
    .where(eq(conversations.id, conversationId))
    .for('update');
  if (!conversation) return;
  const [labelRows, inboxRows, messageRows, storedRows] = await Promise.all([
    tx.select({ labelId: conversationLabels.labelId }).from(conversationLabels).where(eq(conversationLabels.conversationId, conversationId)),
    tx.select({ settings: inboxes.settings }).from(inboxes).where(eq(inboxes.id, conversation.inboxId)),
    tx.select(historyColumns).from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.createdAt), asc(messages.id)),
    tx.select().from(reportingEvents).where(eq(reportingEvents.conversationId, conversationId)),
  ]);
  const history: ConversationHistory = { ...conversation, labelIds: labelRows.map((l) => l.labelId), messages: messageRows };
  const wanted = conversationReportingEvents(history, inboxRows[0]?.settings?.businessHours).map((e) => ({ ...e, accountId: conversation.accountId, inboxId: conversation.inboxId, conversationId }));
  const stored = storedRows.map((row) => ({ rowId: row.id, ...storedEventFromRow(row) }));

  const sameEvent = (a: StoredEvent, b: StoredEvent) => eventSignature(a) === eventSignature(b);
  const identity = (e: Pick<StoredEvent, 'name' | 'sourceMessageId'>) => `${e.name}:${e.sourceMessageId}`;
  const storedByIdentity = new Map(stored.map((e) => [identity(e), e]));
  const wantedByIdentity = new Map(wanted.map((e) => [identity(e), e]));
  const outdated = stored.filter((e) => { const w = wantedByIdentity.get(identity(e)); return !w || !sameEvent(w, e); });
  const missing = wanted.filter((e) => { const s = storedByIdentity.get(identity(e)); return !s || !sameEvent(s, e); });
  if (outdated.length === 0 && missing.length === 0) return;

  if (outdated.length) {
    await tx.delete(reportingEvents).where(inArray(reportingEvents.id, outdated.map((e) => e.rowId)));
  }
  if (missing.length) await tx.insert(reportingEvents).values(missing.map(eventRow));
  await applyRollupChanges(tx, [...outdated.map((event) => ({ event, sign: -1 as const })), ...missing.map((event) => ({ event, sign: 1 as const }))]);
}

export const historyColumns = {
  id: messages.id,
  messageType: messages.messageType,
  private: messages.private,
  status: messages.status,
  senderType: messages.senderType,
  senderId: messages.senderId,
  contentAttributes: messages.contentAttributes,
  content: messages.content,
  createdAt: messages.createdAt,
};

export const eventRow = (e: StoredEvent): typeof reportingEvents.$inferInsert => ({
  accountId: e.accountId,
  conversationId: e.conversationId,
  inboxId: e.inboxId,
  name: e.name,
  sourceMessageId: e.sourceMessageId,
  value: e.valueMs / 1000,
  valueInBusinessHours: e.businessValueMs / 1000,
  eventStartTime: e.eventStartTime,
  eventEndTime: e.eventEndTime,
  userId: e.userId,
  teamId: e.teamId,
  labelIds: e.labelIds,
});

export function storedEventFromRow(row: typeof reportingEvents.$inferSelect): StoredEvent {
  return {
    accountId: row.accountId,
    inboxId: row.inboxId,
    conversationId: row.conversationId,
    name: row.name,
    sourceMessageId: row.sourceMessageId,
    valueMs: Math.round(row.value * 1000),
    businessValueMs: Math.round(row.valueInBusinessHours * 1000),
    eventStartTime: row.eventStartTime,
    eventEndTime: row.eventEndTime,
    userId: row.userId,
    teamId: row.teamId,
    labelIds: [...row.labelIds].sort((a, b) => a - b),
  };
}

const eventSignature = (e: StoredEvent) =>
  JSON.stringify([e.accountId, e.inboxId, e.conversationId, e.name, e.sourceMessageId, e.valueMs, e.businessValueMs, e.eventStartTime.getTime(), e.eventEndTime.getTime(), e.userId, e.teamId, e.labelIds]);

/** Adds (sign 1) or takes back (sign −1) events from their rollup rows; rows left all zero are deleted, as a rebuild would never write them. */
async function applyRollupChanges(tx: DatabaseOrTransaction, changes: Array<{ event: StoredEvent; sign: 1 | -1 }>) {
  const rows = new Map<string, RollupKey & RollupCounts>();
  for (const { event, sign } of changes) {
    const counts = eventCounts(event);
    for (const labelId of [0, ...event.labelIds]) {
      const key: RollupKey = { accountId: event.accountId, hour: hourOf(event.eventEndTime), inboxId: event.inboxId, userId: event.userId, teamId: event.teamId, labelId };
      const id = JSON.stringify([key.accountId, key.hour.getTime(), key.inboxId, key.userId, key.teamId, key.labelId]);
      const row = rows.get(id) ?? { ...key, ...emptyCounts() };
      for (const column of rollupCountColumns) row[column] += sign * (counts[column] ?? 0);
      rows.set(id, row);
    }
  }
  const touched = [...rows.values()].filter((row) => rollupCountColumns.some((c) => row[c] !== 0));
  if (touched.length === 0) return;
  const takesBack = changes.some((change) => change.sign < 0);
  // Sorted, so two transactions touching the same rows lock them in the same order.
  touched.sort((a, b) => a.hour.getTime() - b.hour.getTime() || a.labelId - b.labelId || a.inboxId - b.inboxId || a.userId - b.userId || a.teamId - b.teamId);
  const set = Object.fromEntries(rollupCountColumns.map((c) => [c, sql`${reportRollups[c]} + excluded.${sql.identifier(reportRollups[c].name)}`]));
  await tx
    .insert(reportRollups)
    .values(touched)
    .onConflictDoUpdate({ target: [reportRollups.accountId, reportRollups.labelId, reportRollups.hour, reportRollups.inboxId, reportRollups.userId, reportRollups.teamId], set });
  if (!takesBack) return;
  await tx.delete(reportRollups).where(
    and(
      eq(reportRollups.accountId, touched[0].accountId),
      inArray(reportRollups.hour, [...new Set(touched.map((r) => r.hour.getTime()))].map((t) => new Date(t))),
      ...rollupCountColumns.map((c) => eq(reportRollups[c], 0)),
    ),
  );
}
