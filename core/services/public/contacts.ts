import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findContactByEmail, insertContact } from '../../../db/queries/contacts.js';
import { contactInboxes, contacts, conversations, type ContactAdditionalAttributes } from '../../../db/schema/index.js';
import type { AppDependencies } from '../../context.js';
import { serializePublicContact } from '../../serializers/public.js';
import { findPublicContact, findPublicInbox, type PublicContact } from './access.js';

/** The contact identifier is the visitor's only credential: 32 random bytes, like a session token. */
export const newContactIdentifier = () => randomBytes(32).toString('base64url');

export type PublicContactFields = {
  name?: string;
  email?: string | null;
  phoneNumber?: string | null;
  customAttributes?: Record<string, unknown>;
};

/** What the widget's browser tells us about the visitor, kept as Chatwoot keeps it. */
export type VisitorFacts = { browserLanguage?: string; referer?: string };

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** An existing contact of the account with this e-mail, identifier or phone (Chatwoot merges a widget visitor by them, in that order). */
async function findExistingContact(
  tx: DatabaseOrTransaction,
  accountId: number,
  keys: { email?: string | null; identifier?: string | null; phoneNumber?: string | null },
): Promise<PublicContact | undefined> {
  if (keys.email) {
    const byEmail = await findContactByEmail(tx, { accountId, email: keys.email });
    if (byEmail) return byEmail;
  }
  if (keys.identifier) {
    const [byIdentifier] = await tx.select().from(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.identifier, keys.identifier))).limit(1);
    if (byIdentifier) return byIdentifier;
  }
  if (keys.phoneNumber) {
    const [byPhone] = await tx.select().from(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.phoneNumber, keys.phoneNumber))).limit(1);
    if (byPhone) return byPhone;
  }
  return undefined;
}

const compact = <T extends Record<string, unknown>>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

/**
 * `POST /public/api/v1/inboxes/{inbox_identifier}/contacts`: a new visitor. A known e-mail links the
 * visitor to that contact, filling only what the contact lacks, so a stranger cannot overwrite it.
 */
export async function createPublicContact(
  deps: Pick<AppDependencies, 'db'>,
  input: { inboxIdentifier: string; identifier?: string | null; fields: PublicContactFields; facts: VisitorFacts },
) {
  const inbox = await findPublicInbox(deps.db, input.inboxIdentifier);
  const attempt = () =>
    deps.db.transaction(async (tx) => {
      const { fields } = input;
      let contact = await findExistingContact(tx, inbox.accountId, { email: fields.email, identifier: input.identifier, phoneNumber: fields.phoneNumber });
      if (contact) {
        const fill: Partial<typeof contacts.$inferInsert> = {};
        if (!contact.name && fields.name) fill.name = fields.name;
        if (fields.customAttributes) fill.customAttributes = { ...fields.customAttributes, ...contact.customAttributes };
        if (Object.keys(fill).length > 0) {
          [contact] = await tx.update(contacts).set({ ...fill, updatedAt: sql`now()` }).where(eq(contacts.id, contact.id)).returning();
        }
      } else {
        contact = await insertContact(tx, {
          accountId: inbox.accountId,
          name: fields.name,
          email: fields.email,
          phoneNumber: fields.phoneNumber,
          identifier: input.identifier,
          customAttributes: fields.customAttributes,
          additionalAttributes: compact(input.facts) as ContactAdditionalAttributes,
        });
      }
      const [contactInbox] = await tx.insert(contactInboxes).values({ contactId: contact.id, inboxId: inbox.id, sourceId: newContactIdentifier() }).returning();
      return serializePublicContact(contact, contactInbox);
    });
  try {
    return await attempt();
  } catch (error) {
    // Two first visits with the same e-mail at once: the loser finds the winner's contact on retry.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

export async function showPublicContact(deps: Pick<AppDependencies, 'db'>, input: { inboxIdentifier: string; contactIdentifier: string }) {
  const { contact, contactInbox } = await findPublicContact(deps.db, input);
  return serializePublicContact(contact, contactInbox);
}

/**
 * `PATCH …/contacts/{contact_identifier}`. An e-mail (or phone) that already belongs to another contact
 * of the account moves this visitor, with the conversations started from this browser, onto that
 * contact: Chatwoot's merge on identify, limited to what this visitor owns. A contact this visitor
 * shares with other addresses is only filled in, never overwritten.
 */
export async function updatePublicContact(
  deps: Pick<AppDependencies, 'db'>,
  input: { inboxIdentifier: string; contactIdentifier: string; fields: PublicContactFields },
) {
  const attempt = () =>
    deps.db.transaction(async (tx) => {
      const { inbox, contactInbox } = await findPublicContact(tx, input);
      let contact = (await tx.select().from(contacts).where(eq(contacts.id, contactInbox.contactId)).for('update'))[0];
      const { fields } = input;
      const email = fields.email ? fields.email.trim().toLowerCase() : fields.email;
      const newEmail = email && email !== contact.email?.toLowerCase() ? email : undefined;
      const newPhone = fields.phoneNumber && fields.phoneNumber !== contact.phoneNumber ? fields.phoneNumber : undefined;
      const owner = newEmail || newPhone ? await findExistingContact(tx, inbox.accountId, { email: newEmail, phoneNumber: newPhone }) : undefined;
      if (owner && owner.id !== contact.id) {
        await tx.update(contactInboxes).set({ contactId: owner.id }).where(eq(contactInboxes.id, contactInbox.id));
        await tx.update(conversations).set({ contactId: owner.id, updatedAt: sql`now()` }).where(eq(conversations.contactInboxId, contactInbox.id));
        contact = owner;
        const fill: Partial<typeof contacts.$inferInsert> = {};
        if (!owner.name && fields.name) fill.name = fields.name;
        if (fields.customAttributes) fill.customAttributes = { ...fields.customAttributes, ...owner.customAttributes };
        if (Object.keys(fill).length > 0) [contact] = await tx.update(contacts).set({ ...fill, updatedAt: sql`now()` }).where(eq(contacts.id, owner.id)).returning();
        return serializePublicContact(contact, contactInbox);
      }
      // A contact reached from elsewhere too (an agent's, an e-mail sender, another browser) was joined on
      // an unverified claim: this visitor may fill what it lacks but not overwrite it.
      const [{ addresses }] = await tx.select({ addresses: sql<number>`count(*)::int` }).from(contactInboxes).where(eq(contactInboxes.contactId, contact.id));
      const fillOnly = Number(addresses) > 1;
      const changes: Partial<typeof contacts.$inferInsert> = {};
      if (fields.name !== undefined && (!fillOnly || !contact.name)) changes.name = fields.name;
      if (email !== undefined && (!fillOnly || !contact.email)) changes.email = email;
      if (fields.phoneNumber !== undefined && (!fillOnly || !contact.phoneNumber)) changes.phoneNumber = fields.phoneNumber;
      if (fields.customAttributes) {
        changes.customAttributes = fillOnly ? { ...fields.customAttributes, ...contact.customAttributes } : { ...contact.customAttributes, ...fields.customAttributes };
      }
      if (Object.keys(changes).length > 0) {
        [contact] = await tx.update(contacts).set({ ...changes, updatedAt: sql`now()` }).where(eq(contacts.id, contact.id)).returning();
      }
      return serializePublicContact(contact, contactInbox);
    });
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
