import { eq } from 'drizzle-orm';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { accountMemberships, users } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { mentionedUserIds } from '../../domain/mentions.js';
import { findMembershipWithRole } from '../../../db/queries/auth.js';
import { loadViewer, viewerSeesConversation } from '../viewer.js';
import { recordNotifications, scheduleDigests } from './notify.js';

/**
 * A private note's `@name` mentions notify those agents (bell, live, e-mail digest) — only people
 * who can see the conversation, and never the author. Runs after the note is stored; a retry of the
 * same note adds no second notification.
 */
export async function notifyMentions(ctx: ServiceContext, input: { conversation: ConversationRow; messageId: number; content: string }) {
  if (!input.content.includes('@') && !input.content.includes('mention://')) return;
  const members = await ctx.db
    .select({ id: users.id, role: accountMemberships.role, accountName: accountMemberships.name, displayName: users.displayName, name: users.name, email: users.email })
    .from(accountMemberships)
    .innerJoin(users, eq(users.id, accountMemberships.userId))
    .where(eq(accountMemberships.accountId, ctx.actor.accountId));
  const named = members.map((m) => ({ id: m.id, names: [m.accountName, m.displayName, m.name, m.email.split('@')[0]].filter((n): n is string => Boolean(n)) }));
  const mentioned = mentionedUserIds(input.content, named).filter((id) => id !== ctx.actor.userId);
  const recipients: number[] = [];
  for (const id of mentioned) {
    const member = members.find((m) => m.id === id);
    if (!member) continue;
    const membership = await findMembershipWithRole(ctx.db, { accountId: ctx.actor.accountId, userId: id });
    const viewer = await loadViewer(ctx.db, { accountId: ctx.actor.accountId, userId: id, role: member.role, customRole: membership?.customRole });
    if (await viewerSeesConversation(ctx.db, viewer, input.conversation)) recipients.push(id);
  }
  if (recipients.length === 0) return;
  const notified = await ctx.db.transaction((tx) =>
    recordNotifications(tx, {
      accountId: ctx.actor.accountId,
      userIds: recipients,
      notificationType: 'conversation_mention',
      primaryActorType: 'Conversation',
      primaryActorId: input.conversation.id,
      secondaryActorId: ctx.actor.userId,
      sourceMessageId: input.messageId,
      meta: { preview: input.content.slice(0, 140), conversation_display_id: input.conversation.displayId },
    }),
  );
  await scheduleDigests(ctx, notified);
}

