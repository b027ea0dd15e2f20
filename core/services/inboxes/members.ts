import { publishAccessChange, publishLiveEvent } from '../../../db/queries/events.js';
import { addInboxMembers, filterAccountMemberIds, findInbox, listInboxMemberAgents, listInboxMemberIds, removeInboxMembers } from '../../../db/queries/inboxes.js';
import { unassignConversations } from '../../../db/queries/agents.js';
import { syncConversationReporting } from '../reports/sync.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { accountMemberships } from '../../../db/schema/index.js';
import { and, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { serializeAgent } from '../../serializers/user.js';
import { assertCanManageInboxes, findVisibleInbox } from './access.js';
import { routerDepsOf, withRouterNotices } from '../routing/router-notices.js';

/** The agents of an inbox; visible to administrators and to the inbox's own members. */
export async function listInboxMembers(ctx: ServiceContext, inboxId: number) {
  const inbox = await findVisibleInbox(ctx, inboxId);
  return (await listInboxMemberAgents(ctx.db, { accountId: ctx.actor.accountId, inboxId: inbox.id })).map(serializeInboxMember);
}

/** An inbox member: the agent plus their own limit in this inbox (null: the inbox's max_assignment_limit). */
const serializeInboxMember = (row: Awaited<ReturnType<typeof listInboxMemberAgents>>[number]) => ({ ...serializeAgent(row), max_assignment_limit: row.maxAssignmentLimit });

export type InboxMembersChange = { inboxId: number; userIds: number[]; mode: 'add' | 'replace' | 'remove' };

/**
 * Adds, replaces or removes inbox members (administrators only). Everyone named must belong to the
 * account. An agent taken out of an inbox can no longer see its conversations, so theirs there go
 * back to Unassigned; administrators see every inbox and keep theirs.
 */
export async function changeInboxMembers(ctx: ServiceContext, change: InboxMembersChange) {
  assertCanManageInboxes(ctx);
  const { accountId } = ctx.actor;
  const inbox = await findInbox(ctx.db, { accountId, id: change.inboxId });
  if (!inbox) throw invalid('inbox_id', 'No such inbox in this account');
  const userIds = [...new Set(change.userIds)];
  const members = await filterAccountMemberIds(ctx.db, { accountId, userIds });
  if (members.length !== userIds.length) {
    const strangers = userIds.filter((id) => !members.includes(id));
    throw invalid('user_ids', `Not members of this account: ${strangers.join(', ')}`);
  }

  await withRouterNotices(routerDepsOf(ctx), 'availability_changed', async (tx, notifyRouter) => {
    const current = await listInboxMemberIds(tx, inbox.id);
    const toAdd = change.mode === 'remove' ? [] : userIds.filter((id) => !current.includes(id));
    const toRemove =
      change.mode === 'add' ? [] : change.mode === 'remove' ? userIds.filter((id) => current.includes(id)) : current.filter((id) => !userIds.includes(id));
    await addInboxMembers(tx, { inboxId: inbox.id, userIds: toAdd });
    await removeInboxMembers(tx, { inboxId: inbox.id, userIds: toRemove });
    await unassignRemovedAgents(tx, { accountId, inboxId: inbox.id, userIds: toRemove });
    // Open streams of the account re-read their inboxes: a removed agent stops hearing of this one at once.
    if (toAdd.length || toRemove.length) await publishAccessChange(tx, { kind: 'inbox', accountId, inboxId: inbox.id });
    // A new member may take waiting conversations; a removed one's went back to the queue.
    if (toAdd.length || toRemove.length) await notifyRouter([{ accountId, inboxId: inbox.id }]);
  });
  return (await listInboxMemberAgents(ctx.db, { accountId, inboxId: inbox.id })).map(serializeInboxMember);
}

async function unassignRemovedAgents(tx: DatabaseOrTransaction, { accountId, inboxId, userIds }: { accountId: number; inboxId: number; userIds: number[] }) {
  if (userIds.length === 0) return;
  const agents = await tx
    .select({ userId: accountMemberships.userId })
    .from(accountMemberships)
    .where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.role, 'agent'), inArray(accountMemberships.userId, userIds)));
  for (const { userId } of agents) {
    const unassigned = await unassignConversations(tx, { accountId, assigneeId: userId, inboxId });
    for (const conversation of unassigned) {
      await syncConversationReporting(tx, conversation.id);
      await publishLiveEvent(tx, { type: 'conversation.updated', accountId, inboxId: conversation.inboxId, conversationId: conversation.id });
    }
  }
}
