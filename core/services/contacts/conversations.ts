import { listContactConversationIds } from '../../../db/queries/contacts.js';
import { loadConversationCards } from '../../../db/queries/conversations.js';
import type { ServiceContext } from '../../context.js';
import { isAdministrator } from '../../domain/permissions.js';
import { serializeConversation } from '../../serializers/conversation.js';
import { loadViewer } from '../viewer.js';
import { findAccountContact } from './show.js';

/** The contact's conversations the viewer may see: all for administrators, their inboxes' for agents. */
export async function listContactConversations(ctx: ServiceContext, contactId: number) {
  await findAccountContact(ctx, contactId);
  const viewer = await loadViewer(ctx.db, ctx.actor);
  const ids = await listContactConversationIds(ctx.db, {
    accountId: ctx.actor.accountId,
    contactId,
    inboxIds: isAdministrator(viewer) ? undefined : viewer.inboxIds,
    viewer,
  });
  const cards = await loadConversationCards(ctx.db, { accountId: ctx.actor.accountId, ids });
  return cards.map((card) => serializeConversation(card));
}
