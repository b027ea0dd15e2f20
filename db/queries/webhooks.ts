import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import {
  webhookAttempts,
  webhookDeliveries,
  webhookOutbox,
  webhooks,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  type WebhookEventSubject,
} from '../schema/index.js';

export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;

/**
 * The SQL condition "some endpoint of this account takes this event" (disabled ones too: they
 * record what they miss, to replay when re-enabled). An API inbox's callback only counts for
 * its own inbox. Used inside the statements that capture events, so nothing is written for
 * accounts without webhooks.
 */
export function endpointSubscribes(accountId: SQL | number, event: WebhookEvent, inboxId: SQL | number | null) {
  return sql`exists (select 1 from ${webhooks} w where w.account_id = ${accountId} and ${event}::text = any(w.subscriptions)
    and (w.kind = 'account' or w.inbox_id = ${inboxId}))`;
}

/** Whether any endpoint of the account takes this (account-wide) event: a bulk writer asks once rather than per row. */
export async function accountSubscribesTo(db: DatabaseOrTransaction, accountId: number, event: WebhookEvent): Promise<boolean> {
  const rows = await db.execute<{ yes: boolean }>(sql`select ${endpointSubscribes(accountId, event, null)} as yes`);
  return Boolean([...rows][0]?.yes);
}

/** Captures one event in the caller's transaction when an endpoint takes it; returns the outbox row's id, or null. */
export async function insertWebhookOutboxEvent(
  db: DatabaseOrTransaction,
  { accountId, event, subject }: { accountId: number; event: WebhookEvent; subject: WebhookEventSubject },
): Promise<number | null> {
  const rows = await db.execute<{ id: number }>(sql`
    insert into ${webhookOutbox} (account_id, event, subject)
    select ${accountId}::int, ${event}::text, ${JSON.stringify(subject)}::jsonb
    where ${endpointSubscribes(sql`${accountId}::int`, event, subject.inboxId ?? null)}
    returning id`);
  const [row] = [...rows];
  return row ? Number(row.id) : null;
}

/** Stores the payload of a captured event with it, inside the capturing transaction. */
export async function setWebhookOutboxPayload(db: DatabaseOrTransaction, { id, payload }: { id: number; payload: Record<string, unknown> }) {
  await db.execute(sql`update ${webhookOutbox} set subject = subject || jsonb_build_object('payload', ${JSON.stringify(payload)}::jsonb) where id = ${id}`);
}

/** Claims an outbox row (skipped by anyone already draining it) inside the caller's transaction. */
export async function claimWebhookOutboxEvent(tx: DatabaseOrTransaction, id: number) {
  const [row] = await tx.select().from(webhookOutbox).where(eq(webhookOutbox.id, id)).for('update', { skipLocked: true });
  return row;
}

export async function deleteWebhookOutboxEvent(tx: DatabaseOrTransaction, id: number) {
  await tx.delete(webhookOutbox).where(eq(webhookOutbox.id, id));
}

export async function listStaleWebhookOutboxIds(db: DatabaseOrTransaction, { olderThanMs, limit }: { olderThanMs: number; limit: number }) {
  const rows = await db
    .select({ id: webhookOutbox.id })
    .from(webhookOutbox)
    .where(lt(webhookOutbox.createdAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`))
    .orderBy(asc(webhookOutbox.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Endpoints that take an event: the account's subscribed ones, and for `inboxId` its API callback. */
export async function listSubscribedEndpoints(db: DatabaseOrTransaction, { accountId, event, inboxId }: { accountId: number; event: WebhookEvent; inboxId: number | null }) {
  return db
    .select()
    .from(webhooks)
    .where(
      and(
        eq(webhooks.accountId, accountId),
        sql`${event}::text = any(${webhooks.subscriptions})`,
        inboxId === null ? eq(webhooks.kind, 'account') : sql`(${webhooks.kind} = 'account' or ${webhooks.inboxId} = ${inboxId})`,
      ),
    )
    .orderBy(asc(webhooks.id));
}

export async function listAccountWebhooks(db: DatabaseOrTransaction, accountId: number) {
  return db.select().from(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.kind, 'account'))).orderBy(asc(webhooks.id));
}

export async function findWebhook(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, id)));
  return row;
}

export async function findWebhookById(db: DatabaseOrTransaction, id: number) {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  return row;
}

export async function findApiInboxCallback(db: DatabaseOrTransaction, { accountId, inboxId }: { accountId: number; inboxId: number }) {
  const [row] = await db.select().from(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.inboxId, inboxId), eq(webhooks.kind, 'api_inbox')));
  return row;
}

export async function insertWebhook(db: DatabaseOrTransaction, values: typeof webhooks.$inferInsert) {
  const [row] = await db.insert(webhooks).values(values).returning();
  return row;
}

export async function updateWebhook(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }, changes: Partial<typeof webhooks.$inferInsert>) {
  const [row] = await db
    .update(webhooks)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, id)))
    .returning();
  return row;
}

export async function deleteWebhook(
  db: DatabaseOrTransaction,
  { accountId, id }: { accountId: number; id: number },
  { kind }: { kind: (typeof webhooks.$inferSelect)['kind'] } = { kind: 'account' },
) {
  const rows = await db.delete(webhooks).where(and(eq(webhooks.accountId, accountId), eq(webhooks.id, id), eq(webhooks.kind, kind))).returning({ id: webhooks.id });
  return rows.length > 0;
}

/** One delivery per endpoint and source; a repeated drain or call returns nothing new (unique source key). */
export async function insertDeliveries(db: DatabaseOrTransaction, rows: Array<typeof webhookDeliveries.$inferInsert>) {
  if (rows.length === 0) return [];
  return db.insert(webhookDeliveries).values(rows).onConflictDoNothing().returning();
}

export async function findDelivery(db: DatabaseOrTransaction, id: number) {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
  return row;
}

export async function markDeliveriesStarted(db: DatabaseOrTransaction, ids: number[]) {
  if (ids.length === 0) return;
  await db.update(webhookDeliveries).set({ workflowStartedAt: new Date() }).where(and(inArray(webhookDeliveries.id, ids), isNull(webhookDeliveries.workflowStartedAt)));
}

export async function listUnstartedDeliveries(db: DatabaseOrTransaction, { olderThanMs, limit }: { olderThanMs: number; limit: number }) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        isNull(webhookDeliveries.workflowStartedAt),
        eq(webhookDeliveries.status, 'pending'),
        lt(webhookDeliveries.createdAt, sql`now() - make_interval(secs => ${olderThanMs / 1000})`),
      ),
    )
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(limit);
}

export type DeliveryFilter = { accountId: number; webhookId: number; status?: WebhookDeliveryStatus; event?: WebhookEvent; beforeId?: number; limit: number };

export async function listDeliveries(db: DatabaseOrTransaction, filter: DeliveryFilter) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.accountId, filter.accountId),
        eq(webhookDeliveries.webhookId, filter.webhookId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        filter.event ? eq(webhookDeliveries.event, filter.event) : undefined,
        filter.beforeId ? lt(webhookDeliveries.id, filter.beforeId) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(filter.limit);
}

export async function listAttempts(db: DatabaseOrTransaction, deliveryIds: number[]) {
  if (deliveryIds.length === 0) return [];
  return db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveryIds)).orderBy(asc(webhookAttempts.id));
}

/** Records an attempt once per key (a retried activity adds nothing) and counts it on its delivery. */
export async function recordAttempt(db: DatabaseOrTransaction, values: typeof webhookAttempts.$inferInsert) {
  const inserted = await db.insert(webhookAttempts).values(values).onConflictDoNothing().returning({ id: webhookAttempts.id });
  if (inserted.length > 0) {
    await db
      .update(webhookDeliveries)
      .set({ attemptCount: sql`${webhookDeliveries.attemptCount} + 1`, lastStatusCode: values.statusCode ?? null })
      .where(eq(webhookDeliveries.id, values.deliveryId));
  }
}

export async function finishDelivery(db: DatabaseOrTransaction, { id, status }: { id: number; status: WebhookDeliveryStatus }) {
  await db.update(webhookDeliveries).set({ status, finishedAt: status === 'pending' ? null : new Date() }).where(eq(webhookDeliveries.id, id));
}

/** A replay: the delivery runs again (next run number), keeping its webhook-id. Null when it is still running. */
export async function reopenDeliveryForReplay(db: DatabaseOrTransaction, { accountId, id }: { accountId: number; id: number }) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', runNumber: sql`${webhookDeliveries.runNumber} + 1`, finishedAt: null, workflowStartedAt: null })
    .where(and(eq(webhookDeliveries.accountId, accountId), eq(webhookDeliveries.id, id), sql`${webhookDeliveries.status} <> 'pending'`))
    .returning();
  return row;
}

/** What an endpoint missed since it last worked (failed, or skipped while it was off, after its latest success), oldest first. */
export async function listMissedDeliveryIds(db: DatabaseOrTransaction, { accountId, webhookId }: { accountId: number; webhookId: number }) {
  const lastSuccess = sql`coalesce((select max(d.finished_at) from ${webhookDeliveries} d where d.webhook_id = ${webhookId} and d.status = 'delivered'), '-infinity'::timestamptz)`;
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.accountId, accountId),
        eq(webhookDeliveries.webhookId, webhookId),
        inArray(webhookDeliveries.status, ['failed', 'skipped']),
        sql`${webhookDeliveries.createdAt} > ${lastSuccess}`,
      ),
    )
    .orderBy(asc(webhookDeliveries.id));
  return rows.map((row) => row.id);
}
