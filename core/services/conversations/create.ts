import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { allocateConversationDisplayId, type ConversationRow } from '../../../db/queries/conversations.js';
import { queueAutomationEvent } from '../../../db/queries/automation.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { dispatchConversationAutomationEvents } from '../automation/dispatch.js';
import { contactInboxes, contacts, conversations, inboxes, type ConversationAdditionalAttributes } from '../../../db/schema/index.js';
import { canSeeInbox } from '../../domain/permissions.js';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { loadViewer } from '../viewer.js';
import { recordMessage } from '../messages/record.js';
import { syncConversationReporting } from '../reports/sync.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import { handOverNotice } from '../messages/outbound.js';
import { outboundDeliveryFor } from '../../domain/outbound.js';
import { conversationJson } from './access.js';
import { requireAccountTeam, requireAssignableAgent } from './assign.js';
import { startConversationLifecycle } from './lifecycle-client.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';
import { checkedCustomAttributeValues } from '../custom-attributes/definitions.js';
import { mergeCustomAttributes } from '../../domain/custom-attributes.js';

/** Inserts a conversation (display id, contact-inbox link) and announces it; the caller owns the transaction. */
export async function insertConversation(
  tx: DatabaseOrTransaction,
  values: {
    accountId: number;
    inboxId: number;
    contactId: number;
    contactInboxId: number;
    status?: 'open' | 'pending';
    assigneeId?: number | null;
    teamId?: number | null;
    additionalAttributes?: ConversationAdditionalAttributes;
    customAttributes?: Record<string, unknown>;
  },
): Promise<ConversationRow> {
  const displayId = await allocateConversationDisplayId(tx, values.accountId);
  const [row] = await tx
    .insert(conversations)
    .values({
      accountId: values.accountId,
      displayId,
      inboxId: values.inboxId,
      contactId: values.contactId,
      contactInboxId: values.contactInboxId,
      status: values.status ?? 'open',
      assigneeId: values.assigneeId ?? null,
      teamId: values.teamId ?? null,
      additionalAttributes: values.additionalAttributes ?? {},
      customAttributes: values.customAttributes ?? {},
    })
    .returning();
  await syncConversationReporting(tx, row.id);
  await publishLiveEvent(tx, { type: 'conversation.created', accountId: row.accountId, inboxId: row.inboxId, conversationId: row.id });
  // Committed with the conversation; the caller dispatches it after commit (dispatchConversationAutomationEvents).
  await queueAutomationEvent(tx, { conversationId: row.id, eventName: 'conversation_created' });
  return row;
}

/** The contact's address in an inbox, created on first use. */
export async function findOrCreateContactInbox(tx: DatabaseOrTransaction, input: { contactId: number; inboxId: number; sourceId?: string }) {
  if (input.sourceId) {
    const [existing] = await tx
      .select()
      .from(contactInboxes)
      .where(and(eq(contactInboxes.inboxId, input.inboxId), eq(contactInboxes.sourceId, input.sourceId)))
      .limit(1);
    if (existing) {
      if (existing.contactId !== input.contactId) throw invalid('source_id', 'source_id belongs to another contact in this inbox');
      return existing;
    }
  }
  const [created] = await tx
    .insert(contactInboxes)
    .values({ contactId: input.contactId, inboxId: input.inboxId, sourceId: input.sourceId ?? randomUUID() })
    .returning();
  return created;
}

export type CreateConversationInput = {
  inboxId: number;
  contactId: number;
  sourceId?: string;
  status?: 'open' | 'pending';
  assigneeId?: number | null;
  teamId?: number | null;
  additionalAttributes?: ConversationAdditionalAttributes;
  customAttributes?: Record<string, unknown>;
  /** A first outgoing message; `contentAttributes` carries Chatwoot's `to_emails` / `cc_emails` / `bcc_emails` for email. */
  message?: { content: string; contentAttributes?: Record<string, unknown> };
};

/** Application API: an agent or integration opens a conversation with a contact, optionally with a first outgoing message. */
export async function createConversation(ctx: ServiceContext, input: CreateConversationInput) {
  const { accountId, userId } = ctx.actor;
  const viewer = await loadViewer(ctx.db, ctx.actor);
  const [inbox] = await ctx.db.select().from(inboxes).where(and(eq(inboxes.id, input.inboxId), eq(inboxes.accountId, accountId)));
  if (!inbox || !canSeeInbox(viewer, inbox.id)) throw invalid('inbox_id', 'No such inbox, or you are not a member of it');
  const [contact] = await ctx.db.select().from(contacts).where(and(eq(contacts.id, input.contactId), eq(contacts.accountId, accountId)));
  if (!contact) throw invalid('contact_id', 'No such contact in this account');
  if (inbox.channelType === 'email' && input.message && !contact.email && !input.message.contentAttributes?.to_emails) {
    throw invalid('contact_id', 'The contact has no email address to write to; add one or name the recipients (message.to_emails)');
  }
  // Starting an outbound conversation makes its author the assignee unless told otherwise (Chatwoot does the same from the console).
  const assigneeId = input.assigneeId !== undefined ? input.assigneeId : input.message ? userId : null;
  if (input.teamId) await requireAccountTeam(ctx.db, { accountId: ctx.actor.accountId, teamId: input.teamId });
  const customAttributes = input.customAttributes
    ? mergeCustomAttributes({}, await checkedCustomAttributeValues(ctx.db, accountId, 'conversation_attribute', input.customAttributes))
    : undefined;

  // An unassigned conversation waits for its inbox's router (when the inbox assigns automatically).
  const created = await withRouterNotices(routerDepsOf(ctx), 'conversation_waiting', async (tx, notifyRouter) => {
    // Checked with the assignee's memberships locked, so a demotion or removal at the same moment cannot slip between check and insert.
    if (assigneeId) await requireAssignableAgent(tx, { accountId, assigneeId, inboxId: inbox.id });
    const contactInbox = await findOrCreateContactInbox(tx, { contactId: contact.id, inboxId: inbox.id, sourceId: input.sourceId });
    const row = await insertConversation(tx, {
      accountId,
      inboxId: inbox.id,
      contactId: contact.id,
      contactInboxId: contactInbox.id,
      status: input.status,
      assigneeId,
      teamId: input.teamId,
      additionalAttributes: input.additionalAttributes,
      customAttributes,
    });
    const webhookEvents = await captureWebhookEvents(tx, accountId, [{ event: 'conversation_created', subject: { conversationId: row.id, inboxId: row.inboxId } }]);
    let notice: { noticeId: number; messageId: number } | undefined;
    if (input.message) {
      // The first message goes out like any reply: by email for an email inbox, after the inbox's window.
      const stored = await recordMessage(tx, {
        conversation: row,
        messageType: 'outgoing',
        content: input.message.content,
        contentAttributes: input.message.contentAttributes,
        sender: { type: 'user', id: userId },
        delivery: outboundDeliveryFor(inbox, new Date()),
      });
      if (stored.created) webhookEvents.push(...stored.webhookEventIds);
      if (stored.created && stored.noticeId) notice = { noticeId: stored.noticeId, messageId: stored.id };
    }
    if (row.assigneeId === null && row.status === 'open') await notifyRouter([{ accountId, inboxId: row.inboxId }]);
    return { row, webhookEvents, notice };
  });
  drainWebhookEventsSoon(webhookDrainDeps(ctx), created.webhookEvents);
  const conversation = created.row;
  await startLifecycleQuietly(ctx, conversation);
  await dispatchConversationAutomationEvents(ctx, conversation.id);
  if (created.notice) await handOverNotice(ctx, created.notice.noticeId, created.notice.messageId);
  return conversationJson(ctx, conversation);
}

/**
 * The conversation is stored either way; if Temporal is briefly unreachable, the first status change
 * starts the lifecycle later (update-with-start), so creation never fails on it.
 */
export async function startLifecycleQuietly(ctx: Pick<ServiceContext, 'temporal' | 'config'>, conversation: ConversationRow) {
  try {
    await startConversationLifecycle(ctx.temporal, ctx.config.taskQueue, conversation);
  } catch (error) {
    console.warn(`[lifecycle] could not start conversation-${conversation.id} now; it starts on its next change`, (error as Error).message);
  }
}

