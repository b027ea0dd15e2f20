import { deleteContact as deleteContactRow } from '../../../db/queries/contacts.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';

/** Administrators only: deleting a contact also deletes their conversations (as Chatwoot does). */
export async function deleteContact(ctx: ServiceContext, id: number) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can delete contacts');
  const { accountId } = ctx.actor;
  const deleted = await ctx.db.transaction(async (tx) => {
    if (!(await deleteContactRow(tx, { accountId, id }))) return false;
    // The contact's widget streams close now rather than at their next tick.
    await publishAccessChange(tx, { kind: 'contact', accountId, contactId: id });
    return true;
  });
  if (!deleted) throw notFound('Contact');
}
