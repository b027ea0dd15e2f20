import { z } from '@hono/zod-openapi';
import { contactSortKeys } from '../../../db/queries/contacts.js';
import { contactEmailSchema, contactFieldLimits, e164PhoneHint, e164PhonePattern } from '../../../core/domain/contact-fields.js';
import { httpUrlSchema } from '../../../core/domain/http-url.js';
import { accountParams, emailPattern, idField, idParam } from '../../openapi-schemas.js';
import type { ContactInput } from '../../../core/services/contacts/input.js';

export const contactParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const contactImportParams = accountParams.extend({
  import_id: idParam.openapi({ param: { name: 'import_id', in: 'path' }, example: 1 }),
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
  .regex(e164PhonePattern, e164PhoneHint)
  .nullable();

const contactFields = {
  name: z.string().trim().max(contactFieldLimits.name).openapi({ example: 'Maria Souza' }),
  email: z.union([z.literal(''), contactEmailSchema.openapi({ pattern: emailPattern })]).nullable().openapi({ example: 'maria@example.com' }),
  phone_number: phoneNumber.openapi({ example: '+5511987654321' }),
  identifier: z.string().trim().max(contactFieldLimits.identifier).nullable().openapi({ description: 'Your system’s id for the contact' }),
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

export const setContactLabelsRequestSchema = z
  .object({
    labels: z.array(z.string().trim().min(1).max(60).regex(/^[\p{L}\p{N}_-]+$/u, 'Labels are letters, digits, - and _')).max(50),
  })
  .openapi('SetContactLabelsRequest');

export const contactLabelsSchema = z.object({ payload: z.array(z.string()) }).openapi('ContactLabels');

export const contactNoteParams = contactParams.extend({
  note_id: idParam.openapi({ param: { name: 'note_id', in: 'path' }, example: 1 }),
});

export const contactNoteRequestSchema = z
  .object({ content: z.string().trim().min(1, 'Write something').max(20_000).openapi({ description: 'Markdown', example: 'Prefers **phone** calls' }) })
  .openapi('ContactNoteRequest');
