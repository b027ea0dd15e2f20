import { findContact } from '../../../db/queries/contacts.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';

/** A contact of the actor's account; another account's contact answers 404 like a missing one. */
export async function findAccountContact(ctx: ServiceContext, id: number) {
  const contact = await findContact(ctx.db, { accountId: ctx.actor.accountId, id });
  if (!contact) throw notFound('Contact');
  return contact;
}
