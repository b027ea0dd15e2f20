import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.js';
import { publishAccessChange } from '../../../db/queries/events.js';
import { deleteInbox as deleteInboxRow } from '../../../db/queries/inboxes.js';
import { conversations } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { endConversationLifecycles } from '../conversations/lifecycle-client.js';
import { assertCanManageInboxes } from './access.js';

/**
 * Administrators only. As in Chatwoot, the inbox's conversations and contact addresses go with it,
 * and so do their lifecycle workflows (a snooze timer must not fire for a conversation that is gone).
 */
export async function deleteInbox(ctx: ServiceContext, id: number) {
  assertCanManageInboxes(ctx);
  const { accountId } = ctx.actor;
  const deletedConversationIds = await ctx.db.transaction(async (tx) => {
    const doomed = await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.accountId, accountId), eq(conversations.inboxId, id)));
    if (!(await deleteInboxRow(tx, { accountId, id }))) throw notFound('Inbox');
    await recordAudit(tx, ctx.actor, { action: 'destroy', auditableType: 'Inbox', auditableId: id, changes: { conversations_deleted: doomed.length } });
    // Its visitors' open streams close; consoles re-read their inboxes.
    await publishAccessChange(tx, { kind: 'inbox', accountId, inboxId: id });
    return doomed.map((row) => row.id);
  });
  await endConversationLifecycles(ctx.temporal, deletedConversationIds, `inbox ${id} deleted`);
}
