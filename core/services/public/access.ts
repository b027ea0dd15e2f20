import { and, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { contactInboxes, contacts, conversations, inboxes } from '../../../db/schema/index.js';
import { notFound } from '../../errors.js';

export type PublicInbox = typeof inboxes.$inferSelect;
export type PublicContactInbox = typeof contactInboxes.$inferSelect;
export type PublicContact = typeof contacts.$inferSelect;

/** Channels a visitor may reach without signing in: the website widget and API inboxes (Chatwoot's client API). */
const publicChannelTypes = new Set(['web_widget', 'api']);

/** The inbox named by a public identifier; other channels answer 404 like a missing one. */
export async function findPublicInbox(db: DatabaseOrTransaction, identifier: string): Promise<PublicInbox> {
  const [inbox] = await db.select().from(inboxes).where(eq(inboxes.identifier, identifier)).limit(1);
  if (!inbox || !publicChannelTypes.has(inbox.channelType)) throw notFound('Inbox');
  return inbox;
}

/**
 * The visitor behind a contact identifier (contact_inboxes.source_id) in this inbox. The identifier is
 * the visitor's only credential, so every wrong combination answers the same 404.
 */
export async function findPublicContact(
  db: DatabaseOrTransaction,
  input: { inboxIdentifier: string; contactIdentifier: string },
): Promise<{ inbox: PublicInbox; contactInbox: PublicContactInbox; contact: PublicContact }> {
  const inbox = await findPublicInbox(db, input.inboxIdentifier);
  const [row] = await db
    .select({ contactInbox: contactInboxes, contact: contacts })
    .from(contactInboxes)
    .innerJoin(contacts, eq(contacts.id, contactInboxes.contactId))
    .where(and(eq(contactInboxes.inboxId, inbox.id), eq(contactInboxes.sourceId, input.contactIdentifier), eq(contacts.accountId, inbox.accountId)))
    .limit(1);
  if (!row) throw notFound('Contact');
  return { inbox, ...row };
}

/**
 * One of the visitor's conversations by display id. Scoped to the contact inbox, not the contact, as
 * Chatwoot does without HMAC identity: someone who claims a known e-mail address gets linked to that
 * contact but still sees only the conversations started from their own browser.
 */
export async function findPublicConversation(
  db: DatabaseOrTransaction,
  input: { inbox: PublicInbox; contactInbox: PublicContactInbox; displayId: number },
): Promise<ConversationRow> {
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.accountId, input.inbox.accountId),
        eq(conversations.inboxId, input.inbox.id),
        eq(conversations.displayId, input.displayId),
        eq(conversations.contactInboxId, input.contactInbox.id),
      ),
    )
    .limit(1);
  if (!conversation) throw notFound('Conversation');
  return conversation;
}
