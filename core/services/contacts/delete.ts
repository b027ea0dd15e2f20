import { deleteContact as deleteContactRow } from '../../../db/queries/contacts.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';

/** Administrators only: deleting a contact also deletes their conversations (as Chatwoot does). */
export async function deleteContact(ctx: ServiceContext, id: number) {
  if (!isAdministrator(ctx.actor)) throw forbidden('Only administrators can delete contacts');
  const deleted = await deleteContactRow(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!deleted) throw notFound('Contact');
}
