import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { conversationLabels, conversations, inboxes, messages, reportingEvents, reportRollups } from '../../../db/schema/index.js';
import { conversationReportingEvents } from '../../domain/reporting-metrics.js';
import { eventRow, historyColumns } from './sync.js';

const conversationsPerBatch = 500;
const eventsPerInsert = 2000;

/**
 * Recomputes an account's reporting events from its conversations' messages, and its rollups from
 * those events, replacing what was there (`npm run reports:rebuild`): for data from before reports
 * existed, or after a change to the metric definitions. It uses the same definitions as the
 * incremental path (core/domain/reporting-metrics.ts) but sums the rollups in SQL, so comparing the
 * two is a real check. Writers wait while it runs (it locks both tables), so nothing is counted twice.
 */
export async function rebuildAccountReporting(db: Database, accountId: number): Promise<{ conversations: number; events: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${reportingEvents}, ${reportRollups} in access exclusive mode`);
    await tx.delete(reportingEvents).where(eq(reportingEvents.accountId, accountId));
    await tx.delete(reportRollups).where(eq(reportRollups.accountId, accountId));
    const hoursByInbox = new Map(
      (await tx.select({ id: inboxes.id, settings: inboxes.settings }).from(inboxes).where(eq(inboxes.accountId, accountId))).map((inbox) => [inbox.id, inbox.settings?.businessHours]),
    );
    let afterId = 0;
    let conversationCount = 0;
    let eventCount = 0;
    for (;;) {
      const batch = await tx
        .select({ id: conversations.id, accountId: conversations.accountId, inboxId: conversations.inboxId, createdAt: conversations.createdAt, assigneeId: conversations.assigneeId, teamId: conversations.teamId })
        .from(conversations)
        .where(and(eq(conversations.accountId, accountId), gt(conversations.id, afterId)))
        .orderBy(asc(conversations.id))
        .limit(conversationsPerBatch);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1].id;
      const ids = batch.map((c) => c.id);
      const [labelRows, messageRows] = await Promise.all([
        tx.select().from(conversationLabels).where(inArray(conversationLabels.conversationId, ids)),
        tx.select({ ...historyColumns, conversationId: messages.conversationId }).from(messages).where(inArray(messages.conversationId, ids)),
      ]);
      const rows = batch.flatMap((conversation) => {
        const history = {
          ...conversation,
          labelIds: labelRows.filter((l) => l.conversationId === conversation.id).map((l) => l.labelId),
          messages: messageRows.filter((m) => m.conversationId === conversation.id),
        };
        return conversationReportingEvents(history, hoursByInbox.get(conversation.inboxId)).map((event) =>
          eventRow({ ...event, accountId, inboxId: conversation.inboxId, conversationId: conversation.id }),
        );
      });
      for (let start = 0; start < rows.length; start += eventsPerInsert) await tx.insert(reportingEvents).values(rows.slice(start, start + eventsPerInsert));
      conversationCount += batch.length;
      eventCount += rows.length;
    }
    await tx.execute(sql`
      insert into ${reportRollups} (account_id, hour, inbox_id, user_id, team_id, label_id,
        conversations_count, incoming_messages_count, outgoing_messages_count,
        first_response_count, first_response_ms, first_response_business_ms,
        reply_time_count, reply_time_ms, reply_time_business_ms,
        resolutions_count, resolution_ms, resolution_business_ms)
      select e.account_id, date_trunc('hour', e.event_end_time at time zone 'UTC') at time zone 'UTC', e.inbox_id, e.user_id, e.team_id, l.label_id,
        count(*) filter (where e.name = 'conversation_created'),
        count(*) filter (where e.name = 'message_incoming'),
        count(*) filter (where e.name = 'message_outgoing'),
        count(*) filter (where e.name = 'first_response'),
        coalesce(sum(round(e.value * 1000)) filter (where e.name = 'first_response'), 0),
        coalesce(sum(round(e.value_in_business_hours * 1000)) filter (where e.name = 'first_response'), 0),
        count(*) filter (where e.name = 'reply_time'),
        coalesce(sum(round(e.value * 1000)) filter (where e.name = 'reply_time'), 0),
        coalesce(sum(round(e.value_in_business_hours * 1000)) filter (where e.name = 'reply_time'), 0),
        count(*) filter (where e.name = 'conversation_resolved'),
        coalesce(sum(round(e.value * 1000)) filter (where e.name = 'conversation_resolved'), 0),
        coalesce(sum(round(e.value_in_business_hours * 1000)) filter (where e.name = 'conversation_resolved'), 0)
      from ${reportingEvents} e
      cross join lateral unnest(array[0] || e.label_ids) as l(label_id)
      where e.account_id = ${accountId}
      group by 1, 2, 3, 4, 5, 6`);
    return { conversations: conversationCount, events: eventCount };
  });
}
