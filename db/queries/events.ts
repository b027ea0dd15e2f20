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

export const accessChannel = 'parley_access';

/**
 * Something that may end or narrow what an open stream shows: streams whose principal matches re-check
 * their access at once instead of at their next tick. Sent inside the writing transaction, like live events.
 */
export type AccessChange =
  /** A session was signed out or revoked. */
  | { kind: 'session'; sessionId: number }
  /** An access token was revoked. */
  | { kind: 'token'; tokenId: number }
  /** Several of a user's sessions or tokens ended at once (e.g. a password change). */
  | { kind: 'user'; userId: number }
  /** A user's role in an account changed, or they were removed from it. */
  | { kind: 'membership'; accountId: number; userId: number }
  /** An inbox's members changed, or the inbox was deleted. */
  | { kind: 'inbox'; accountId: number; inboxId: number }
  /** A contact was deleted: their visitors' streams close. */
  | { kind: 'contact'; accountId: number; contactId: number }
  /** A guest's access was revoked, their password reset or a session signed out: their portal streams re-check. */
  | { kind: 'guest'; accountId: number; guestId: number };

export async function publishAccessChange(db: DatabaseOrTransaction, change: AccessChange): Promise<void> {
  await db.execute(sql`select pg_notify(${accessChannel}, ${JSON.stringify(change)})`);
}

export const userEventsChannel = 'parley_user_events';

export const userEventTypes = ['direct_message.created', 'direct_conversation.updated', 'notification.created', 'notification.updated'] as const;
export type UserEventType = (typeof userEventTypes)[number];

/**
 * Something only named users may hear of: a direct message (its participants), a notification (its
 * owner). Ids only, like live events; each stream loads what it shows for its own user.
 */
export type UserEvent = {
  type: UserEventType;
  accountId: number;
  userIds: number[];
  directConversationId?: number;
  messageId?: number;
  notificationId?: number;
};

/** Sent with the surrounding transaction, so nobody hears of rows that were rolled back. */
export async function publishUserEvent(db: DatabaseOrTransaction, event: UserEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${userEventsChannel}, ${JSON.stringify(event)})`);
}
