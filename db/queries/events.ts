import { sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';

export const eventsChannel = 'parley_events';

export const liveEventTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'message.created',
  'message.updated',
  // Someone started or stopped typing; `actor` says who, so a stream can skip the reader's own.
  'conversation.typing_on',
  'conversation.typing_off',
] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

/** Ids only: NOTIFY payloads are capped at 8 kB, so listeners load what they show. */
export type LiveEvent = {
  type: LiveEventType;
  accountId: number;
  inboxId: number;
  conversationId: number;
  messageId?: number;
  actor?: { type: 'user' | 'contact'; id: number };
};

/** Sent with the surrounding transaction: Postgres delivers NOTIFY only on commit, so nobody hears of rolled-back rows. */
export async function publishLiveEvent(db: DatabaseOrTransaction, event: LiveEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${eventsChannel}, ${JSON.stringify(event)})`);
}
