import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { contacts, conversationLabels, conversations, inboxes, labels, messages } from '../../../db/schema/index.js';
import type { AutomationFacts } from '../../domain/automation-rules.js';
import { isInsideBusinessHours } from '../../domain/business-hours.js';

/**
 * Everything a rule's conditions may look at, read from Postgres at one moment: the conversation,
 * its labels, contact and inbox (business hours), and the message for a message event. The dry run
 * without a message takes the conversation's latest customer message.
 */
export async function loadAutomationFacts(
  db: DatabaseOrTransaction,
  input: { accountId: number; conversationId: number; messageId?: number | null; latestIncomingMessage?: boolean; now: Date },
): Promise<AutomationFacts | undefined> {
  const [row] = await db
    .select({ conversation: conversations, contact: contacts, inbox: inboxes })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.accountId, input.accountId)));
  if (!row) return undefined;
  const labelRows = await db
    .select({ title: labels.title })
    .from(conversationLabels)
    .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
    .where(eq(conversationLabels.conversationId, row.conversation.id));
  const [message] = input.messageId
    ? await db
        .select({ content: messages.content, messageType: messages.messageType })
        .from(messages)
        .where(and(eq(messages.id, input.messageId), eq(messages.conversationId, row.conversation.id)))
    : input.latestIncomingMessage
      ? await db
          .select({ content: messages.content, messageType: messages.messageType })
          .from(messages)
          .where(and(eq(messages.conversationId, row.conversation.id), inArray(messages.messageType, ['incoming'])))
          .orderBy(desc(messages.createdAt), desc(messages.id))
          .limit(1)
      : [];
  const { conversation, contact, inbox } = row;
  const contactFacts = contact.additionalAttributes ?? {};
  return {
    conversation: {
      inboxId: conversation.inboxId,
      channel: inbox.channelType,
      status: conversation.status,
      priority: conversation.priority,
      teamId: conversation.teamId,
      assigneeId: conversation.assigneeId,
      labels: labelRows.map((l) => l.title),
      customAttributes: conversation.customAttributes ?? {},
      mailSubject: conversation.additionalAttributes?.mailSubject ?? null,
      browserLanguage: conversation.additionalAttributes?.browserLanguage ?? null,
      referer: conversation.additionalAttributes?.referer ?? null,
    },
    contact: {
      name: contact.name,
      email: contact.email,
      phoneNumber: contact.phoneNumber,
      city: contactFacts.city ?? null,
      country: contactFacts.country ?? null,
      company: contactFacts.companyName ?? null,
      customAttributes: contact.customAttributes ?? {},
    },
    message: message ? { content: message.content, messageType: message.messageType } : undefined,
    insideBusinessHours: isInsideBusinessHours(inbox.settings?.businessHours, input.now),
  };
}
