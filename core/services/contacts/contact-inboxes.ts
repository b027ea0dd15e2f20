import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { listInboxes, type InboxRow } from '../../../db/queries/inboxes.js';
import { contactInboxes } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { conflict, invalid } from '../../errors.js';
import { serializeInbox } from '../../serializers/inbox.js';
import { findVisibleInbox } from '../inboxes/access.js';
import { loadViewer } from '../viewer.js';
import { findAccountContact } from './show.js';

/**
 * Chatwoot's contact inbox: the contact's address in one inbox (`source_id`), what a conversation
 * with them in that inbox is started through. An API inbox takes any id (a new UUID when none is
 * given); an e-mail inbox the contact's address. Website and portal addresses belong to the visitor's
 * browser or guest session, so they are never made up through the API.
 */
export async function createContactInbox(ctx: ServiceContext, input: { contactId: number; inboxId: number; sourceId?: string }) {
  const contact = await findAccountContact(ctx, input.contactId);
  const inbox = await findVisibleInbox(ctx, input.inboxId);
  const sourceId = sourceIdFor(inbox, contact, input.sourceId);
  const row = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(contactInboxes).where(and(eq(contactInboxes.inboxId, inbox.id), eq(contactInboxes.sourceId, sourceId))).for('update');
    if (existing && existing.contactId !== contact.id) throw conflict('Another contact already has this source_id in the inbox', 'source_id');
    if (existing) return existing;
    const [created] = await tx.insert(contactInboxes).values({ contactId: contact.id, inboxId: inbox.id, sourceId }).onConflictDoNothing().returning();
    if (!created) throw conflict('Another contact already has this source_id in the inbox', 'source_id');
    return created;
  });
  return { id: row.id, source_id: row.sourceId, inbox: serializeInbox(inbox, ctx.config.publicUrl) };
}

function sourceIdFor(inbox: InboxRow, contact: { email: string | null }, requested: string | undefined): string {
  switch (inbox.channelType) {
    case 'api':
      return requested ?? randomUUID();
    case 'email': {
      const address = requested ?? contact.email;
      if (!address) throw invalid('source_id', 'The contact has no e-mail address: give one as source_id, or add it to the contact first');
      if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw invalid('source_id', 'An e-mail inbox’s source_id is the contact’s e-mail address');
      return address;
    }
    default:
      throw invalid('inbox_id', `A ${inbox.channelType} inbox's contacts come from the visitor's own session; only API and e-mail inboxes take contact inboxes through the API`);
  }
}

/**
 * Chatwoot's `contactable_inboxes`: the inboxes (of those the actor may see) a conversation with the
 * contact can be started in, each with the `source_id` to use: an e-mail inbox when the contact has
 * an address, an API inbox always (its known id, or null: create one first), a website inbox only
 * where the visitor already chatted from.
 */
export async function listContactableInboxes(ctx: ServiceContext, contactId: number) {
  const contact = await findAccountContact(ctx, contactId);
  const viewer = await loadViewer(ctx.db, ctx.actor);
  const inboxes = await listInboxes(ctx.db, { accountId: ctx.actor.accountId, ids: isAdministrator(viewer) ? undefined : viewer.inboxIds });
  const known = await ctx.db.select().from(contactInboxes).where(eq(contactInboxes.contactId, contact.id));
  const knownSourceId = (inboxId: number) => known.find((row) => row.inboxId === inboxId)?.sourceId ?? null;
  return inboxes.flatMap((inbox) => {
    const sourceId = knownSourceId(inbox.id);
    const entry = (source: string | null) => [{ source_id: source, inbox: serializeInbox(inbox, ctx.config.publicUrl) }];
    switch (inbox.channelType) {
      case 'email':
        return sourceId || contact.email ? entry(sourceId ?? contact.email) : [];
      case 'api':
        return entry(sourceId);
      case 'web_widget':
        return sourceId ? entry(sourceId) : [];
      default:
        return [];
    }
  });
}
