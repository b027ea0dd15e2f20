import { contactUniqueFields } from '../../../db/queries/contacts.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import type { ContactAdditionalAttributes } from '../../../db/schema/index.js';
import { invalid } from '../../errors.js';
import { camelKeys } from '../../serializers/contact.js';

/** What the API accepts for a contact; `null` clears a field on update. */
export type ContactInput = {
  name?: string;
  email?: string | null;
  phoneNumber?: string | null;
  identifier?: string | null;
  avatarUrl?: string | null;
  additionalAttributes?: Record<string, unknown>;
  customAttributes?: Record<string, unknown>;
};

const fieldLabels = { email: 'email', phone_number: 'phone number', identifier: 'identifier' } as const;

export const duplicateContact = (field: keyof typeof fieldLabels) => invalid(field, `Another contact in this account already has this ${fieldLabels[field]}`);

/** Turns a unique-index violation (two writers racing past the pre-check) into the same 422 the pre-check gives. */
export function rethrowAsDuplicate(error: unknown): never {
  const constraint = uniqueViolationConstraint(error);
  const field = constraint ? contactUniqueFields[constraint] : undefined;
  if (field) throw duplicateContact(field);
  throw error;
}

/**
 * Merges API attributes into stored ones: keys arrive snake_case and are stored camelCase; the avatar
 * URL lives among them because Parley keeps no avatar files.
 */
export function mergeAdditionalAttributes(current: ContactAdditionalAttributes, input: ContactInput): ContactAdditionalAttributes | undefined {
  // A name given by an agent replaces a generated visitor name for good.
  const namedNow = input.name !== undefined && current.generatedName === true;
  if (input.additionalAttributes === undefined && input.avatarUrl === undefined && !namedNow) return undefined;
  const merged: ContactAdditionalAttributes = { ...current, ...(input.additionalAttributes ? camelKeys(input.additionalAttributes) : {}) };
  if (namedNow) delete merged.generatedName;
  if (input.avatarUrl === null) delete merged.avatarUrl;
  else if (input.avatarUrl !== undefined) merged.avatarUrl = input.avatarUrl;
  return merged;
}
