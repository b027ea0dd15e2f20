import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { automationEvents, automationRules, type AutomationEventName } from '../schema/index.js';

export type AutomationRuleRow = typeof automationRules.$inferSelect;
export type AutomationEventRow = typeof automationEvents.$inferSelect;

/** The account's rules in the order they run. */
export async function listAutomationRules(db: DatabaseOrTransaction, { accountId }: { accountId: number }) {
  return db.select().from(automationRules).where(eq(automationRules.accountId, accountId)).orderBy(asc(automationRules.position), asc(automationRules.id));
}

export async function findAutomationRule(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .select()
    .from(automationRules)
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)));
  return row;
}

/** A new rule runs after the account's existing ones. */
export async function insertAutomationRule(db: DatabaseOrTransaction, values: Omit<typeof automationRules.$inferInsert, 'position'>) {
  const [row] = await db
    .insert(automationRules)
    .values({
      ...values,
      position: sql`(select coalesce(max(${automationRules.position}), 0) + 1 from ${automationRules} where ${automationRules.accountId} = ${values.accountId})`,
    })
    .returning();
  return row;
}

export async function updateAutomationRuleRow(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }, changes: Partial<typeof automationRules.$inferInsert>) {
  const [row] = await db
    .update(automationRules)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)))
    .returning();
  return row;
}

export async function deleteAutomationRuleRow(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .delete(automationRules)
    .where(and(eq(automationRules.accountId, accountId), eq(automationRules.id, id)))
    .returning({ id: automationRules.id });
  return row;
}

/**
 * SQL that queues an automation event for a conversation when, and only when, the account has an
 * active rule for it: accounts without rules pay one index probe. Used inside the statement or
 * transaction that makes the event happen, so the event commits with its cause or not at all.
 */
export const queueAutomationEventSql = (input: { conversationId: number | ReturnType<typeof sql>; eventName: AutomationEventName; messageId?: number | ReturnType<typeof sql> | null }) => sql`
  insert into ${automationEvents} (account_id, conversation_id, event_name, message_id)
  select c.account_id, c.id, ${input.eventName}, ${input.messageId ?? null}::int
  from conversations c
  where c.id = ${input.conversationId}
    and exists (select 1 from ${automationRules} r where r.account_id = c.account_id and r.event_name = ${input.eventName} and r.active)
  returning id`;

/** Queues the event (see queueAutomationEventSql); returns its id, or null when no rule listens. */
export async function queueAutomationEvent(
  db: DatabaseOrTransaction,
  input: { conversationId: number; eventName: AutomationEventName; messageId?: number | null },
): Promise<number | null> {
  const rows = await db.execute<{ id: number }>(queueAutomationEventSql(input));
  const [row] = [...rows];
  return row ? Number(row.id) : null;
}

/** Events committed but not yet handed to a workflow (the dispatcher died, or Temporal was down). */
export async function listUndispatchedAutomationEvents(db: DatabaseOrTransaction, { olderThanMs, limit }: { olderThanMs: number; limit: number }) {
  return db
    .select({ id: automationEvents.id })
    .from(automationEvents)
    .where(and(isNull(automationEvents.dispatchedAt), lt(automationEvents.createdAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`)))
    .orderBy(asc(automationEvents.createdAt))
    .limit(limit);
}

/** Processed events older than a week: their workflows are long done, so no redelivery can need them. */
export async function pruneProcessedAutomationEvents(db: DatabaseOrTransaction) {
  await db.delete(automationEvents).where(lt(automationEvents.processedAt, sql`now() - interval '7 days'`));
}
