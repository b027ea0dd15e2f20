import { and, desc, eq, sql } from 'drizzle-orm';
import { listConversationMessages } from '../../../db/queries/messages.js';
import { undeliveredStatuses } from '../../domain/outbound.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { conversations, type ConversationAdditionalAttributes } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { serializePublicConversation } from '../../serializers/public.js';
import { dispatchConversationAutomationEvents } from '../automation/dispatch.js';
import { insertConversation, startLifecycleQuietly } from '../conversations/create.js';
import { requestStatusChange } from '../conversations/lifecycle-client.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import { findPublicContact, findPublicConversation } from './access.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';
import type { VisitorFacts } from './contacts.js';

type Scope = { inboxIdentifier: string; contactIdentifier: string };

/** How many of a visitor's conversations the widget lists; older ones stay in the console. */
const listedConversations = 20;

/** `POST …/contacts/{contact_identifier}/conversations`: the visitor starts a chat; its lifecycle starts with it. */
export async function createPublicConversation(
  deps: AppDependencies,
  input: Scope & { customAttributes?: Record<string, unknown>; facts: VisitorFacts },
) {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const additionalAttributes: ConversationAdditionalAttributes = {};
  if (input.facts.browserLanguage) additionalAttributes.browserLanguage = input.facts.browserLanguage;
  if (input.facts.referer) additionalAttributes.referer = input.facts.referer;
  const { conversation, webhookEvents } = await withRouterNotices(routerDepsOf(deps), 'conversation_waiting', async (tx, notifyRouter) => {
    const conversation = await insertConversation(tx, {
      accountId: inbox.accountId,
      inboxId: inbox.id,
      contactId: contact.id,
      contactInboxId: contactInbox.id,
      status: 'open',
      additionalAttributes,
      customAttributes: input.customAttributes,
    });
    const webhookEvents = await captureWebhookEvents(tx, inbox.accountId, [{ event: 'conversation_created', subject: { conversationId: conversation.id, inboxId: inbox.id } }]);
    // The visitor waits for an agent: the inbox's router picks one if it assigns automatically.
    await notifyRouter([{ accountId: conversation.accountId, inboxId: conversation.inboxId }]);
    return { conversation, webhookEvents };
  });
  drainWebhookEventsSoon(webhookDrainDeps(deps), webhookEvents);
  await startLifecycleQuietly(deps, conversation);
  await dispatchConversationAutomationEvents(deps, conversation.id);
  return serializePublicConversation(conversation, contact, []);
}

/** `GET …/conversations`: the conversations started from this browser, newest first, with their public messages. */
export async function listPublicConversations(deps: Pick<AppDependencies, 'db'>, input: Scope) {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const rows = await deps.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.accountId, inbox.accountId), eq(conversations.contactInboxId, contactInbox.id)))
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(listedConversations);
  return Promise.all(
    rows.map(async (conversation) => {
      const messages = await listConversationMessages(deps.db, { accountId: inbox.accountId, conversationId: conversation.id, includePrivate: false, hiddenStatuses: undeliveredStatuses });
      return serializePublicConversation(conversation, contact, messages);
    }),
  );
}

/** `POST …/conversations/{id}/update_last_seen`: the visitor read everything so far (agents see "seen"). */
export async function updatePublicLastSeen(deps: Pick<AppDependencies, 'db'>, input: Scope & { displayId: number }) {
  const { inbox, contactInbox } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  await deps.db.update(conversations).set({ contactLastSeenAt: sql`now()` }).where(eq(conversations.id, conversation.id));
  return { id: conversation.displayId };
}

/** `POST …/conversations/{id}/toggle_typing`: tells the agents the visitor is typing (Chatwoot's typing indicator); nothing is stored. */
export async function togglePublicTyping(deps: AppDependencies, input: Scope & { displayId: number; typing: boolean }) {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  const webhookEvents = await deps.db.transaction(async (tx) => {
    await publishLiveEvent(tx, {
      type: input.typing ? 'conversation.typing_on' : 'conversation.typing_off',
      accountId: conversation.accountId,
      inboxId: conversation.inboxId,
      conversationId: conversation.id,
      actor: { type: 'contact', id: contact.id },
    });
    return captureWebhookEvents(tx, conversation.accountId, [
      { event: input.typing ? 'conversation_typing_on' : 'conversation_typing_off', subject: { conversationId: conversation.id, inboxId: conversation.inboxId } },
    ]);
  });
  drainWebhookEventsSoon(webhookDrainDeps(deps), webhookEvents);
  return { id: conversation.displayId, typing_status: input.typing ? ('on' as const) : ('off' as const) };
}

/** `GET …/conversations/{id}`: one of the visitor's conversations with its public messages. */
export async function showPublicConversation(deps: Pick<AppDependencies, 'db'>, input: Scope & { displayId: number }) {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  const messages = await listConversationMessages(deps.db, { accountId: inbox.accountId, conversationId: conversation.id, includePrivate: false, hiddenStatuses: undeliveredStatuses });
  return serializePublicConversation(conversation, contact, messages);
}

/**
 * `POST …/conversations/{id}/toggle_status`: Chatwoot's client API only lets the visitor resolve
 * ("end the conversation"). It goes through the lifecycle workflow like an agent's resolve, so the
 * activity line, CSAT survey and webhooks follow; resolving a resolved conversation changes nothing.
 */
export async function resolvePublicConversation(deps: AppDependencies, input: Scope & { displayId: number }) {
  const { inbox, contactInbox, contact } = await findPublicContact(deps.db, input);
  const conversation = await findPublicConversation(deps.db, { inbox, contactInbox, displayId: input.displayId });
  if (conversation.status !== 'resolved') {
    await requestStatusChange(deps.temporal, deps.config.taskQueue, conversation, { status: 'resolved', snoozedUntil: null, actor: { type: 'contact' } });
  }
  const [current] = await deps.db.select().from(conversations).where(eq(conversations.id, conversation.id));
  const messages = await listConversationMessages(deps.db, { accountId: inbox.accountId, conversationId: conversation.id, includePrivate: false, hiddenStatuses: undeliveredStatuses });
  return serializePublicConversation(current ?? conversation, contact, messages);
}
