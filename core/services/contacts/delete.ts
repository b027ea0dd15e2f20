import { and, eq } from 'drizzle-orm';
import { deleteContact as deleteContactRow } from '../../../db/queries/contacts.js';
import { conversations } from '../../../db/schema/index.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';
import { endConversationLifecycles } from '../conversations/lifecycle-client.js';

/** Administrators only: deleting a contact also deletes their conversations (as Chatwoot does) and ends their workflows. */
export async function deleteContact(ctx: ServiceContext, id: number) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can delete contacts');
  const { accountId } = ctx.actor;
  const deletedConversationIds = await ctx.db.transaction(async (tx) => {
    const doomed = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.contactId, id)));
    if (!(await deleteContactRow(tx, { accountId, id }))) throw notFound('Contact');
    // The contact's widget streams close now rather than at their next tick.
    await publishAccessChange(tx, { kind: 'contact', accountId, contactId: id });
    return doomed.map((row) => row.id);
  });
  await endConversationLifecycles(ctx.temporal, deletedConversationIds, `contact ${id} deleted`);
}
