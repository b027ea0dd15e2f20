import { sql } from 'drizzle-orm';
import { listContacts } from '../../../db/queries/contacts.js';
import { contactLabels, contacts, labels } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { compileFilterPayload, contactFilterAttributes, FilterPayloadError, type CompiledFilter, type FilterConditionInput } from '../../domain/filters.js';
import { invalid } from '../../errors.js';
import { serializeContact } from '../../serializers/contact.js';
import { filterToSql, type FilterColumns } from '../filters/compile-sql.js';
import { contactsPageSize, type ContactListInput } from './list.js';

/** Where each filterable contact attribute lives; location facts sit in additional_attributes (camelCase keys). */
export const contactFilterColumns: FilterColumns = {
  standard: {
    name: contacts.name,
    email: contacts.email,
    phone_number: contacts.phoneNumber,
    identifier: contacts.identifier,
    country_code: sql`(${contacts.additionalAttributes} ->> 'countryCode')`,
    country: sql`(${contacts.additionalAttributes} ->> 'country')`,
    city: sql`(${contacts.additionalAttributes} ->> 'city')`,
    created_at: contacts.createdAt,
    last_activity_at: contacts.lastActivityAt,
  },
  hasLabels: (titles) =>
    sql`exists (select 1 from ${contactLabels} join ${labels} on ${labels.id} = ${contactLabels.labelId}
      where ${contactLabels.contactId} = ${contacts.id}${titles ? sql` and ${labels.title} in (${sql.join(titles.map((t) => sql`${t}`), sql`, `)})` : sql``})`,
  customAttributes: contacts.customAttributes,
};

/** Chatwoot's payload checked against the contact attributes; bad input is a 422 naming the field. */
export function compileContactFilter(payload: readonly FilterConditionInput[]): CompiledFilter {
  try {
    return compileFilterPayload(payload, contactFilterAttributes);
  } catch (error) {
    if (error instanceof FilterPayloadError) throw invalid(error.problem.field, error.problem.message);
    throw error;
  }
}

/** `POST contacts/filter`: one page of the contacts matching the payload, with their count. */
export async function filterContactsPage(ctx: ServiceContext, input: Omit<ContactListInput, 'query'> & { payload: readonly FilterConditionInput[] }) {
  const condition = filterToSql(compileContactFilter(input.payload), contactFilterColumns);
  const descending = input.sort?.startsWith('-') ?? false;
  const sort = input.sort ? (input.sort.replace(/^-/, '') as NonNullable<Parameters<typeof listContacts>[1]['sort']>) : undefined;
  const { rows, count } = await listContacts(ctx.db, {
    accountId: ctx.actor.accountId,
    condition,
    sort,
    descending,
    page: input.page,
    pageSize: contactsPageSize,
  });
  return { meta: { count, current_page: input.page }, payload: rows.map(serializeContact) };
}
