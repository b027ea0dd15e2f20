import { z } from '@hono/zod-openapi';
import type { contacts } from '../../db/schema/index.js';
import { unixSeconds } from './time.js';

export const contactSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string().nullable(),
    phone_number: z.string().nullable(),
    identifier: z.string().nullable(),
    thumbnail: z.string(),
    additional_attributes: z.record(z.string(), z.unknown()),
    custom_attributes: z.record(z.string(), z.unknown()),
    last_activity_at: z.number().int().nullable(),
    created_at: z.number().int().nullable(),
  })
  .openapi('Contact');

export type ContactJson = z.infer<typeof contactSchema>;

export function serializeContact(row: typeof contacts.$inferSelect): ContactJson {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone_number: row.phoneNumber,
    identifier: row.identifier,
    // Parley keeps no avatar files; a contact's avatar_url (from the API or a channel) is shown as is.
    thumbnail: typeof row.additionalAttributes.avatarUrl === 'string' ? row.additionalAttributes.avatarUrl : '',
    additional_attributes: snakeKeys(row.additionalAttributes),
    custom_attributes: row.customAttributes,
    last_activity_at: unixSeconds(row.lastActivityAt),
    created_at: unixSeconds(row.createdAt),
  };
}

/** Stored attribute keys are camelCase; Chatwoot clients read snake_case (`company_name`, `browser_language`). */
export function snakeKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));
}

export function camelKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}
