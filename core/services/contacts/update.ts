import { findContactConflict, updateContact as updateContactRow } from '../../../db/queries/contacts.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { serializeContact } from '../../serializers/contact.js';
import { duplicateContact, mergeAdditionalAttributes, rethrowAsDuplicate, type ContactInput } from './input.js';
import { assertCanManageContacts, findAccountContact } from './show.js';
import { checkedCustomAttributeValues } from '../custom-attributes/definitions.js';
import { mergeCustomAttributes } from '../../domain/custom-attributes.js';
import { captureWebhookEvents, changedAttributes } from '../webhooks/capture.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';

/** The contact fields a `contact_updated` event reports as changed, by their API names. */
export const contactWebhookAttributeNames = {
  name: 'name',
  email: 'email',
  phoneNumber: 'phone_number',
  identifier: 'identifier',
  additionalAttributes: 'additional_attributes',
  customAttributes: 'custom_attributes',
};

/**
 * Partial update, as Chatwoot's PUT: fields left out stay; additional and custom attributes are merged
 * key by key into the stored ones.
 */
export async function updateContact(ctx: ServiceContext, id: number, input: ContactInput) {
  assertCanManageContacts(ctx);
  const { accountId } = ctx.actor;
  const current = await findAccountContact(ctx, id);
  const conflict = await findContactConflict(ctx.db, { accountId, exceptId: id, email: input.email, phoneNumber: input.phoneNumber, identifier: input.identifier });
  if (conflict) throw duplicateContact(conflict);
  // Checked against the account's definitions (422 naming the attribute); `null` removes one.
  const customChanges = input.customAttributes === undefined ? undefined : await checkedCustomAttributeValues(ctx.db, accountId, 'contact_attribute', input.customAttributes);
  const updated = await ctx.db
    .transaction(async (tx) => {
      const row = await updateContactRow(
        tx,
        { accountId, id },
        {
          name: input.name,
          email: input.email,
          phoneNumber: input.phoneNumber,
          identifier: input.identifier,
          additionalAttributes: mergeAdditionalAttributes(current.additionalAttributes, input),
          customAttributes: customChanges === undefined ? undefined : mergeCustomAttributes(current.customAttributes, customChanges),
        },
      );
      if (!row) return null;
      const changes = changedAttributes(current, row, contactWebhookAttributeNames);
      const webhookEvents = await captureWebhookEvents(tx, accountId, [{ event: 'contact_updated', subject: { contactId: row.id, changedAttributes: changes } }]);
      return { row, webhookEvents };
    })
    .catch(rethrowAsDuplicate);
  if (!updated) throw notFound('Contact');
  drainWebhookEventsSoon(webhookDrainDeps(ctx), updated.webhookEvents);
  return serializeContact(updated.row);
}
