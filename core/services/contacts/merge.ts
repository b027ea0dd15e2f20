import { and, eq, inArray, sql } from 'drizzle-orm';
import { attachments, contactInboxes, contactLabels, contactNotes, contacts, conversations, csatSurveys, messages } from '../../../db/schema/index.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import type { ServiceContext } from '../../context.js';
import { ApiError, invalid } from '../../errors.js';
import { serializeContact } from '../../serializers/contact.js';
import { rethrowAsDuplicate } from './input.js';

/**
 * Chatwoot's contact merge: the mergee's conversations, addresses (contact_inboxes), notes, labels,
 * CSAT answers and messages move to the base contact, which keeps its own details and takes the
 * mergee's where it has none; then the mergee is deleted. One transaction, so a crash leaves both
 * contacts as they were, never half-moved. Any member may merge, as any member may edit contacts.
 */
export async function mergeContacts(ctx: ServiceContext, input: { baseContactId: number; mergeeContactId: number }) {
  const { accountId } = ctx.actor;
  const { baseContactId, mergeeContactId } = input;
  if (baseContactId === mergeeContactId) throw invalid('mergee_contact_id', 'A contact cannot be merged into itself');
  const merged = await ctx.db
    .transaction(async (tx) => {
      // Both rows locked in id order, so two merges of the same pair cannot deadlock or interleave.
      const locked = await tx
        .select()
        .from(contacts)
        .where(and(eq(contacts.accountId, accountId), inArray(contacts.id, [baseContactId, mergeeContactId])))
        .orderBy(contacts.id)
        .for('update');
      const base = locked.find((row) => row.id === baseContactId);
      const mergee = locked.find((row) => row.id === mergeeContactId);
      if (!base) throw new ApiError('NOT_FOUND', 'Contact not found', 'base_contact_id');
      if (!mergee) throw new ApiError('NOT_FOUND', 'Contact not found', 'mergee_contact_id');

      // Their messages are found through their conversations (messages are indexed by conversation).
      const movedConversationIds = (
        await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, mergee.id))
      ).map((row) => row.id);

      await tx.update(conversations).set({ contactId: base.id }).where(eq(conversations.contactId, mergee.id));
      await tx.update(contactInboxes).set({ contactId: base.id }).where(eq(contactInboxes.contactId, mergee.id));
      await tx.update(contactNotes).set({ contactId: base.id }).where(eq(contactNotes.contactId, mergee.id));
      await tx.update(csatSurveys).set({ contactId: base.id }).where(eq(csatSurveys.contactId, mergee.id));
      await tx.update(attachments).set({ uploadedByContactId: base.id }).where(eq(attachments.uploadedByContactId, mergee.id));
      if (movedConversationIds.length) {
        await tx
          .update(messages)
          .set({ senderId: base.id })
          .where(and(inArray(messages.conversationId, movedConversationIds), eq(messages.senderType, 'contact'), eq(messages.senderId, mergee.id)));
      }
      await tx.execute(sql`insert into ${contactLabels} (contact_id, label_id)
        select ${base.id}, label_id from ${contactLabels} where contact_id = ${mergee.id} on conflict do nothing`);

      // The mergee goes first, so its email/phone/identifier can move to the base without a unique clash.
      await tx.delete(contacts).where(eq(contacts.id, mergee.id));
      const [row] = await tx
        .update(contacts)
        .set({
          name: base.name || mergee.name,
          email: base.email ?? mergee.email,
          phoneNumber: base.phoneNumber ?? mergee.phoneNumber,
          identifier: base.identifier ?? mergee.identifier,
          additionalAttributes: { ...mergee.additionalAttributes, ...base.additionalAttributes },
          customAttributes: { ...mergee.customAttributes, ...base.customAttributes },
          lastActivityAt: latest(base.lastActivityAt, mergee.lastActivityAt),
          createdAt: base.createdAt < mergee.createdAt ? base.createdAt : mergee.createdAt,
          updatedAt: new Date(),
        })
        .where(eq(contacts.id, base.id))
        .returning();
      // The mergee's widget sessions close; the visitor reconnects as the survivor.
      await publishAccessChange(tx, { kind: 'contact', accountId, contactId: mergee.id });
      return row;
    })
    .catch(rethrowAsDuplicate);
  return serializeContact(merged);
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));
