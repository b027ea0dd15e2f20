import { contactListCondition, contactsAfter } from '../../../db/queries/contacts.js';
import type { ServiceContext } from '../../context.js';
import type { FilterConditionInput } from '../../domain/filters.js';
import { contactImportStandardColumns } from '../../domain/contact-import.js';
import { csvLine } from '../../domain/csv.js';
import { filterToSql } from '../filters/compile-sql.js';
import { customAttributeDefinitions } from '../custom-attributes/definitions.js';
import { compileContactFilter, contactFilterColumns } from './filter.js';
import { assertCanManageContacts } from './show.js';

/** Contacts read per query while streaming: the export holds one page in memory, never the whole list. */
const exportPageSize = 1000;

const additionalKeyOf: Record<string, string> = { city: 'city', country: 'country', company_name: 'companyName' };

/**
 * The contacts matching a search and/or Chatwoot's filter payload, as CSV lines: the import's
 * columns (so an export can be edited and imported back), then id and created_at. The payload is
 * compiled (422 naming the field) before the first line is produced.
 */
export async function exportContacts(ctx: ServiceContext, input: { query?: string; payload?: readonly FilterConditionInput[] }): Promise<AsyncIterable<string>> {
  assertCanManageContacts(ctx);
  const condition = input.payload?.length ? filterToSql(compileContactFilter(input.payload), contactFilterColumns) : undefined;
  const where = contactListCondition({ accountId: ctx.actor.accountId, query: input.query, condition });
  const attributeKeys = (await customAttributeDefinitions(ctx.db, ctx.actor.accountId, 'contact_attribute')).map((rule) => rule.attribute_key);
  const db = ctx.db;
  async function* lines() {
    yield csvLine([...contactImportStandardColumns, ...attributeKeys, 'id', 'created_at']);
    let afterId = 0;
    for (;;) {
      const page = await contactsAfter(db, { where, afterId, limit: exportPageSize });
      for (const contact of page) {
        const standard = contactImportStandardColumns.map((column) => {
          if (column === 'name') return contact.name;
          if (column === 'email') return contact.email;
          if (column === 'phone_number') return contact.phoneNumber;
          if (column === 'identifier') return contact.identifier;
          const value = contact.additionalAttributes[additionalKeyOf[column] as keyof typeof contact.additionalAttributes];
          return typeof value === 'string' ? value : '';
        });
        const custom = attributeKeys.map((key) => {
          const value = contact.customAttributes[key];
          return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : (value as string | number | boolean);
        });
        yield csvLine([...standard, ...custom, contact.id, contact.createdAt.toISOString()]);
      }
      if (page.length < exportPageSize) return;
      afterId = page[page.length - 1].id;
    }
  }
  return lines();
}
