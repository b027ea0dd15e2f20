import { assertCanManageContacts } from './show.js';
import { findContactConflict, insertContact } from '../../../db/queries/contacts.js';
import { findInbox } from '../../../db/queries/inboxes.js';
import type { ServiceContext } from '../../context.js';
import { canSeeInbox } from '../../domain/permissions.js';
import { invalid } from '../../errors.js';
import { serializeContact } from '../../serializers/contact.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { findOrCreateContactInbox } from '../conversations/create.js';
import { loadViewer } from '../viewer.js';
import { checkedCustomAttributeValues } from '../custom-attributes/definitions.js';
import { mergeCustomAttributes } from '../../domain/custom-attributes.js';
import { captureWebhookEvents } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';
import { duplicateContact, mergeAdditionalAttributes, rethrowAsDuplicate, type ContactInput } from './input.js';

/** Creates a contact and, given an inbox, its address there (a contact_inbox with a fresh source id). */
export async function createContact(ctx: ServiceContext, input: ContactInput & { inboxId?: number }) {
  assertCanManageContacts(ctx);
  const { accountId } = ctx.actor;
  let inbox: Awaited<ReturnType<typeof findInbox>> | undefined;
  if (input.inboxId !== undefined) {
    const viewer = await loadViewer(ctx.db, ctx.actor);
    inbox = await findInbox(ctx.db, { accountId, id: input.inboxId });
    if (!inbox || !canSeeInbox(viewer, inbox.id)) throw invalid('inbox_id', 'No such inbox, or you are not a member of it');
  }
  const conflict = await findContactConflict(ctx.db, { accountId, email: input.email, phoneNumber: input.phoneNumber, identifier: input.identifier });
  if (conflict) throw duplicateContact(conflict);
  const customAttributes = input.customAttributes ? mergeCustomAttributes({}, await checkedCustomAttributeValues(ctx.db, accountId, 'contact_attribute', input.customAttributes)) : {};

  const { contact, contactInbox, webhookEvents } = await ctx.db
    .transaction(async (tx) => {
      const contact = await insertContact(tx, {
        accountId,
        name: input.name,
        email: input.email,
        phoneNumber: input.phoneNumber,
        identifier: input.identifier,
        additionalAttributes: mergeAdditionalAttributes({}, input) ?? {},
        customAttributes,
      });
      // In an email inbox the contact's address there is their email address (as Chatwoot does); elsewhere a fresh id.
      const sourceId = inbox?.channelType === 'email' && contact.email ? contact.email : undefined;
      const contactInbox = inbox ? await findOrCreateContactInbox(tx, { contactId: contact.id, inboxId: inbox.id, sourceId }) : null;
      const webhookEvents = await captureWebhookEvents(tx, accountId, [{ event: 'contact_created', subject: { contactId: contact.id } }]);
      return { contact, contactInbox, webhookEvents };
    })
    .catch(rethrowAsDuplicate);
  drainWebhookEventsSoon(webhookDrainDeps(ctx), webhookEvents);

  return {
    contact: serializeContact(contact),
    contact_inbox: inbox && contactInbox ? { inbox: serializeInbox(inbox, ctx.config.publicUrl), source_id: contactInbox.sourceId } : null,
  };
}
