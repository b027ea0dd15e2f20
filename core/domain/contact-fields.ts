import { z } from '@hono/zod-openapi';

/** E.164: a plus, a country code and up to 15 digits (or empty, which clears the number). */
export const e164PhonePattern = /^(\+[1-9]\d{1,14})?$/;
export const e164PhoneHint = 'Must be in E.164 format, e.g. +5511987654321';

/** The limits the API's contact fields and the CSV import share. */
export const contactFieldLimits = { name: 255, email: 320, identifier: 255 } as const;

/** The API's e-mail check, shared so an imported address is held to the same rule. */
export const contactEmailSchema = z.string().trim().max(contactFieldLimits.email).email();
