import { z } from '@hono/zod-openapi';
import { contactSortKeys } from '../../../db/queries/contacts.js';
import { httpUrlSchema } from '../../../core/domain/http-url.js';
import { accountParams, idField, idParam, emailAddress } from '../../openapi-schemas.js';
import type { ContactInput } from '../../../core/services/contacts/input.js';

export const contactParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const sortValues = [...contactSortKeys, ...contactSortKeys.map((key) => `-${key}` as const)] as const;

export const contactListQueryFields = {
  page: z.coerce.number().int().positive().max(100_000).default(1).openapi({ example: 1 }),
  sort: z.enum(sortValues).optional().openapi({ description: 'Sort key; a leading - sorts descending. Newest first when absent.' }),
};

/** E.164: a plus, a country code and up to 15 digits. An empty string clears the number, as Chatwoot's forms send it. */
const phoneNumber = z
  .string()
  .trim()
  .regex(/^(\+[1-9]\d{1,14})?$/, 'Must be in E.164 format, e.g. +5511987654321')
  .nullable();

const contactFields = {
  name: z.string().trim().max(255).openapi({ example: 'Maria Souza' }),
  email: z.union([z.literal(''), emailAddress]).nullable().openapi({ example: 'maria@example.com' }),
  phone_number: phoneNumber.openapi({ example: '+5511987654321' }),
  identifier: z.string().trim().max(255).nullable().openapi({ description: 'Your system’s id for the contact' }),
  avatar_url: httpUrlSchema().nullable(),
  additional_attributes: z.record(z.string(), z.unknown()).openapi({ example: { company_name: 'Acme', city: 'São Paulo' } }),
  custom_attributes: z.record(z.string(), z.unknown()),
};

export const createContactRequestSchema = z
  .object({
    inbox_id: idField.openapi({ description: 'Also create the contact’s address (contact_inbox) in this inbox' }),
    ...contactFields,
  })
  .partial()
  .openapi('CreateContactRequest');

export const updateContactRequestSchema = z.object(contactFields).partial().openapi('UpdateContactRequest');

type ContactBody = z.infer<typeof updateContactRequestSchema>;

const blankToNull = (value: string | null | undefined) => (value === '' ? null : value);

/** The request body in the service's terms; blank strings clear a field. */
export function contactInputOf(body: ContactBody): ContactInput {
  return {
    name: body.name,
    email: blankToNull(body.email),
    phoneNumber: blankToNull(body.phone_number),
    identifier: blankToNull(body.identifier),
    avatarUrl: body.avatar_url,
    additionalAttributes: body.additional_attributes,
    customAttributes: body.custom_attributes,
  };
}
