import type { ConversationStatus } from '../../../db/schema/index.js';
import { checkStatusChange, toggledStatus } from '../../../workflows/conversation/status-rules.js';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { findVisibleConversation } from './access.js';
import { requestStatusChange } from './lifecycle-client.js';

/** Chatwoot's toggle_status: an explicit status, or open ⇄ resolved; every change goes through the lifecycle workflow. */
export async function toggleConversationStatus(ctx: ServiceContext, input: { displayId: number; status?: ConversationStatus; snoozedUntil?: Date }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const status = input.status ?? toggledStatus(conversation.status);
  const snoozedUntil = input.snoozedUntil?.toISOString() ?? null;
  const check = checkStatusChange({ status, snoozedUntil }, Date.now());
  if (!check.ok) throw invalid(check.field, check.message);
  const result = await requestStatusChange(ctx.temporal, ctx.config.taskQueue, conversation, {
    status,
    snoozedUntil,
    actor: { type: 'user', id: ctx.actor.userId },
  });
  return {
    success: true,
    current_status: result.status,
    conversation_id: conversation.displayId,
    snoozed_until: result.snoozedUntil ? Math.floor(Date.parse(result.snoozedUntil) / 1000) : null,
    changed: result.changed,
  };
}
