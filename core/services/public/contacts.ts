import { randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { findContactByEmail, insertContact } from '../../../db/queries/contacts.js';
import { uniqueViolationConstraint } from '../../../db/queries/unique-violation.js';
import { contactInboxes, contacts, conversations, type ContactAdditionalAttributes } from '../../../db/schema/index.js';
import { identityHashMatches } from '../../auth/identity-hash.js';
import { hasOwnName, visitorName } from '../../domain/visitor-names.js';
import type { AppDependencies } from '../../context.js';
import { ApiError, conflict } from '../../errors.js';
import { serializePublicContact } from '../../serializers/public.js';
import { findPublicContact, findPublicInbox, type PublicContact, type PublicContactInbox, type PublicInbox } from './access.js';

/** The contact identifier is the visitor's only credential: 32 random bytes, like a session token. */
export const newContactIdentifier = () => randomBytes(32).toString('base64url');

export type PublicContactFields = {
  name?: string;
  email?: string | null;
  phoneNumber?: string | null;
  customAttributes?: Record<string, unknown>;
};

/** Who the site says the visitor is (Chatwoot's setUser): its id for the person, and the HMAC proving it. */
export type IdentityClaim = { identifier?: string | null; identifierHash?: string | null };

/** What the widget's browser tells us about the visitor, kept as Chatwoot keeps it. */
export type VisitorFacts = { browserLanguage?: string; referer?: string };

type ContactChanges = Partial<typeof contacts.$inferInsert>;

/**
 * Whether the claim is proven by the inbox's secret. An unproven identifier never joins anyone; when
 * the inbox requires proof it is refused outright, so a misconfigured site notices.
 */
function checkIdentity(inbox: PublicInbox, claim: IdentityClaim): { identifier: string; verified: boolean } | undefined {
  if (!claim.identifier) return undefined;
  const verified = identityHashMatches(inbox.hmacToken, claim.identifier, claim.identifierHash);
  if (!verified && inbox.hmacMandatory) {
    throw new ApiError('UNAUTHENTICATED', 'This inbox requires identity validation: send identifier_hash, the HMAC-SHA256 of identifier with the inbox secret', 'identifier_hash');
  }
  return { identifier: claim.identifier, verified };
}

const findContactByIdentifier = async (tx: DatabaseOrTransaction, accountId: number, identifier: string) =>
  (await tx.select().from(contacts).where(and(eq(contacts.accountId, accountId), eq(contacts.identifier, identifier))).limit(1).for('update'))[0];

async function emailTakenByOther(tx: DatabaseOrTransaction, accountId: number, email: string, contactId?: number) {
  const owner = await findContactByEmail(tx, { accountId, email });
  return owner !== undefined && owner.id !== contactId;
}

async function phoneTakenByOther(tx: DatabaseOrTransaction, accountId: number, phoneNumber: string, contactId?: number) {
  const [owner] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.accountId, accountId), eq(contacts.phoneNumber, phoneNumber), contactId ? ne(contacts.id, contactId) : undefined))
    .limit(1);
  return owner !== undefined;
}

/**
 * Where a visitor's e-mail and phone go. Free ones go on the contact. One another contact already has
 * stays an unconfirmed claim in additional attributes, for agents to merge: it neither joins that
 * contact nor reveals it, since the visitor is shown their own claim back either way.
 */
async function placeContactDetails(
  tx: DatabaseOrTransaction,
  accountId: number,
  contact: Pick<PublicContact, 'id' | 'additionalAttributes'> | undefined,
  fields: Pick<PublicContactFields, 'email' | 'phoneNumber'>,
): Promise<ContactChanges> {
  const changes: ContactChanges = {};
  const attributes: ContactAdditionalAttributes = { ...(contact?.additionalAttributes ?? {}) };
  const email = fields.email ? fields.email.trim().toLowerCase() : fields.email;
  if (email !== undefined) {
    delete attributes.claimedEmail;
    if (email && (await emailTakenByOther(tx, accountId, email, contact?.id))) attributes.claimedEmail = email;
    else changes.email = email;
  }
  if (fields.phoneNumber !== undefined) {
    delete attributes.claimedPhoneNumber;
    if (fields.phoneNumber && (await phoneTakenByOther(tx, accountId, fields.phoneNumber, contact?.id))) attributes.claimedPhoneNumber = fields.phoneNumber;
    else changes.phoneNumber = fields.phoneNumber;
  }
  if (email !== undefined || fields.phoneNumber !== undefined) changes.additionalAttributes = attributes;
  return changes;
}

/** Everything a visitor who owns the contact may change: what they send replaces what was there. */
async function ownerChanges(tx: DatabaseOrTransaction, accountId: number, contact: PublicContact, fields: PublicContactFields): Promise<ContactChanges> {
  const changes = await placeContactDetails(tx, accountId, contact, fields);
  if (fields.name !== undefined) Object.assign(changes, nameChanges(contact, changes, fields.name));
  if (fields.customAttributes) changes.customAttributes = { ...contact.customAttributes, ...fields.customAttributes };
  return changes;
}

/** A name the visitor gives replaces the generated one, and the contact stops being marked as unnamed. */
function nameChanges(contact: PublicContact, changes: ContactChanges, name: string): ContactChanges {
  if (contact.additionalAttributes.generatedName !== true) return { name };
  const { generatedName: _generated, ...attributes } = changes.additionalAttributes ?? contact.additionalAttributes;
  return { name, additionalAttributes: attributes };
}

async function saveContact(tx: DatabaseOrTransaction, contact: PublicContact, changes: ContactChanges): Promise<PublicContact> {
  if (Object.keys(changes).length === 0) return contact;
  const [saved] = await tx.update(contacts).set({ ...changes, updatedAt: sql`now()` }).where(eq(contacts.id, contact.id)).returning();
  return saved;
}

const compact = <T extends Record<string, unknown>>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

/** Two first visits with the same free e-mail, phone or identifier at once: the loser sees the winner's row on its retry. */
async function retryingOnceOnUniqueViolation<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (uniqueViolationConstraint(error) !== undefined) return attempt();
    throw error;
  }
}

/**
 * `POST /public/api/v1/inboxes/{inbox_identifier}/contacts`: a new visitor. Only an identifier proven
 * by `identifier_hash` joins the visitor to the contact with that identifier (and lets them update it);
 * anything else, a known e-mail or phone included, makes a new contact that shows nobody else's data.
 */
export async function createPublicContact(
  deps: Pick<AppDependencies, 'db'>,
  input: { inboxIdentifier: string; identity: IdentityClaim; fields: PublicContactFields; facts: VisitorFacts },
) {
  const inbox = await findPublicInbox(deps.db, input.inboxIdentifier);
  const identity = checkIdentity(inbox, input.identity);
  return retryingOnceOnUniqueViolation(() =>
    deps.db.transaction(async (tx) => {
      const { fields } = input;
      const verifiedIdentifier = identity?.verified ? identity.identifier : undefined;
      let contact = verifiedIdentifier ? await findContactByIdentifier(tx, inbox.accountId, verifiedIdentifier) : undefined;
      if (contact) {
        contact = await saveContact(tx, contact, await ownerChanges(tx, inbox.accountId, contact, fields));
      } else {
        const details = await placeContactDetails(tx, inbox.accountId, undefined, fields);
        const additionalAttributes: ContactAdditionalAttributes = { ...compact(input.facts), ...details.additionalAttributes };
        // An unproven identifier is kept for agents to see, never as the contact's identity: taking it would let
        // the first stranger to use it squat the real customer's identity.
        if (identity && !identity.verified) additionalAttributes.claimedIdentifier = identity.identifier;
        if (!fields.name) additionalAttributes.generatedName = true;
        contact = await insertContact(tx, {
          accountId: inbox.accountId,
          name: fields.name || undefined,
          email: details.email,
          phoneNumber: details.phoneNumber,
          identifier: verifiedIdentifier,
          customAttributes: fields.customAttributes,
          additionalAttributes,
        });
        if (!fields.name) contact = await saveContact(tx, contact, { name: visitorName(contact.id) });
      }
      const [contactInbox] = await tx
        .insert(contactInboxes)
        .values({ contactId: contact.id, inboxId: inbox.id, sourceId: newContactIdentifier(), hmacVerified: verifiedIdentifier !== undefined })
        .returning();
      return serializePublicContact(contact, contactInbox);
    }),
  );
}

export async function showPublicContact(deps: Pick<AppDependencies, 'db'>, input: { inboxIdentifier: string; contactIdentifier: string }) {
  const { contact, contactInbox } = await findPublicContact(deps.db, input);
  return serializePublicContact(contact, contactInbox);
}

/**
 * The visitor owns their contact when they proved its identifier, or when this browser is its only
 * address (they created it). A contact also reached from elsewhere (an agent merged it, an e-mail
 * thread) may only be filled in where it is empty.
 */
async function visitorOwnsContact(tx: DatabaseOrTransaction, contactInbox: PublicContactInbox) {
  if (contactInbox.hmacVerified) return true;
  const [{ addresses }] = await tx.select({ addresses: sql<number>`count(*)::int` }).from(contactInboxes).where(eq(contactInboxes.contactId, contactInbox.contactId));
  return Number(addresses) === 1;
}

/** Moves this browser, with the conversations started from it, onto the contact whose identifier it proved. */
async function joinVerifiedContact(tx: DatabaseOrTransaction, contactInbox: PublicContactInbox, owner: PublicContact) {
  await tx.update(contactInboxes).set({ contactId: owner.id, hmacVerified: true }).where(eq(contactInboxes.id, contactInbox.id));
  await tx.update(conversations).set({ contactId: owner.id, updatedAt: sql`now()` }).where(eq(conversations.contactInboxId, contactInbox.id));
  return { ...contactInbox, contactId: owner.id, hmacVerified: true };
}

/**
 * `PATCH …/contacts/{contact_identifier}`: the visitor's own details, and Chatwoot's setUser for a
 * visitor who started anonymously. A proven identifier joins the contact that has it; an e-mail or
 * phone never moves the visitor anywhere.
 */
export async function updatePublicContact(
  deps: Pick<AppDependencies, 'db'>,
  input: { inboxIdentifier: string; contactIdentifier: string; identity: IdentityClaim; fields: PublicContactFields },
) {
  return retryingOnceOnUniqueViolation(() =>
    deps.db.transaction(async (tx) => {
      const found = await findPublicContact(tx, input);
      const { inbox } = found;
      let { contactInbox } = found;
      const identity = checkIdentity(inbox, input.identity);
      let contact = (await tx.select().from(contacts).where(eq(contacts.id, contactInbox.contactId)).for('update'))[0];
      const { fields } = input;
      const changes: ContactChanges = {};

      if (identity && contact.identifier !== identity.identifier) {
        if (!identity.verified) {
          if (await visitorOwnsContact(tx, contactInbox)) changes.additionalAttributes = { ...contact.additionalAttributes, claimedIdentifier: identity.identifier };
        } else if (contact.identifier) {
          // Someone else signed in on this browser: their conversations must not become the previous person's.
          throw conflict('This visitor is already identified as someone else; start a new visitor (POST …/contacts) for this identifier', 'identifier');
        } else {
          const owner = await findContactByIdentifier(tx, inbox.accountId, identity.identifier);
          if (owner) {
            contactInbox = await joinVerifiedContact(tx, contactInbox, owner);
            contact = owner;
          } else if (await visitorOwnsContact(tx, contactInbox)) {
            changes.identifier = identity.identifier;
            const { claimedIdentifier: _proven, ...attributes } = contact.additionalAttributes;
            changes.additionalAttributes = attributes;
            [contactInbox] = await tx.update(contactInboxes).set({ hmacVerified: true }).where(eq(contactInboxes.id, contactInbox.id)).returning();
          }
        }
      } else if (identity?.verified && !contactInbox.hmacVerified) {
        [contactInbox] = await tx.update(contactInboxes).set({ hmacVerified: true }).where(eq(contactInboxes.id, contactInbox.id)).returning();
      }

      if (await visitorOwnsContact(tx, contactInbox)) {
        const withClaims = { ...contact, additionalAttributes: changes.additionalAttributes ?? contact.additionalAttributes };
        Object.assign(changes, await ownerChanges(tx, inbox.accountId, withClaims, fields));
      } else {
        if (fields.name && !hasOwnName(contact)) Object.assign(changes, nameChanges(contact, changes, fields.name));
        if (fields.customAttributes) changes.customAttributes = { ...fields.customAttributes, ...contact.customAttributes };
      }
      contact = await saveContact(tx, contact, changes);
      return serializePublicContact(contact, contactInbox);
    }),
  );
}
