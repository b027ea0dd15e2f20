import { findContact } from '../../../db/queries/contacts.js';
import type { ServiceContext } from '../../context.js';
import { canManageContacts } from '../../domain/permissions.js';
import { forbidden, notFound } from '../../errors.js';

/** The contacts pages and routes need `contact_manage` (built-in agents and administrators hold it). */
export function assertCanManageContacts(ctx: ServiceContext) {
  if (!canManageContacts(ctx.actor)) throw forbidden('Contacts need the contact_manage permission');
}

/** A contact of the actor's account; another account's contact answers 404 like a missing one. */
export async function findAccountContact(ctx: ServiceContext, id: number) {
  assertCanManageContacts(ctx);
  const contact = await findContact(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!contact) throw notFound('Contact');
  return contact;
}
