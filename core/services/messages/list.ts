import { listConversationMessages } from '../../../db/queries/messages.js';
import type { ServiceContext } from '../../context.js';
import { serializeMessageWithRelations } from '../../serializers/conversation.js';
import { conversationJson, findVisibleConversation } from '../conversations/access.js';

export async function listMessages(ctx: ServiceContext, input: { displayId: number; before?: number }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const [rows, json] = await Promise.all([
    listConversationMessages(ctx.db, { accountId: ctx.actor.accountId, conversationId: conversation.id, beforeId: input.before, includePrivate: true }),
    conversationJson(ctx, conversation),
  ]);
  return {
    meta: { labels: json.labels, additional_attributes: json.additional_attributes, contact: json.meta.sender, assignee: json.meta.assignee, agent_last_seen_at: json.agent_last_seen_at },
    payload: rows.map((row) => serializeMessageWithRelations(row, conversation.displayId)),
  };
}
