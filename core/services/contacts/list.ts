import { assertCanManageContacts } from './show.js';
import { listContacts, type ContactSortKey } from '../../../db/queries/contacts.js';
import type { ServiceContext } from '../../context.js';
import { serializeContact } from '../../serializers/contact.js';

/** Chatwoot pages contacts 15 at a time. */
export const contactsPageSize = 15;

export type ContactListInput = { page: number; sort?: `${'' | '-'}${ContactSortKey}`; query?: string };

/** The contacts list and search: every member of the account may read its contacts. */
export async function listContactsPage(ctx: ServiceContext, input: ContactListInput) {
  assertCanManageContacts(ctx);
  const descending = input.sort?.startsWith('-') ?? false;
  const sort = input.sort ? (input.sort.replace(/^-/, '') as ContactSortKey) : undefined;
  const { rows, count } = await listContacts(ctx.db, {
    accountId: ctx.actor.accountId,
    query: input.query,
    sort,
    descending,
    page: input.page,
    pageSize: contactsPageSize,
  });
  return { meta: { count, current_page: input.page }, payload: rows.map(serializeContact) };
}
