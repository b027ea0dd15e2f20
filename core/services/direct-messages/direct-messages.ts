import { Readable } from 'node:stream';
import {
  addDirectParticipants,
  filterAccountMembers,
  findDirectAttachment,
  findDirectConversationOfParticipant,
  findDirectMessageByEcho,
  insertDirectAttachments,
  insertDirectConversation,
  insertDirectMessage,
  listDirectConversationsOfUser,
  listDirectMessages,
  listDirectParticipantIds,
  loadDirectAttachments,
  loadDirectParticipants,
  markDirectConversationRead,
  type DirectAttachmentRow,
  type DirectMessageRow,
} from '../../../db/queries/direct-messages.js';
import { publishUserEvent } from '../../../db/queries/events.js';
import { markDirectConversationNotificationsRead } from '../../../db/queries/notifications.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ServiceContext } from '../../context.js';
import { invalid, notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import { BlobNotFoundError } from '../../storage/index.js';
import { discardUploads, type StoredUpload } from '../attachments/receive.js';
import { prepareMessageBody } from '../messages/create.js';
import { recordNotifications, scheduleDigests } from '../notifications/notify.js';

const previewLength = 140;

const directAttachmentUrl = (accountId: number, conversationId: number, row: Pick<DirectAttachmentRow, 'id' | 'fileName'>) =>
  `/api/v1/accounts/${accountId}/direct_conversations/${conversationId}/attachments/${row.id}/${encodeURIComponent(row.fileName)}`;

export async function serializeDirectMessages(db: DatabaseOrTransaction, accountId: number, conversationId: number, rows: DirectMessageRow[]) {
  const [files, participants] = await Promise.all([loadDirectAttachments(db, rows.map((row) => row.id)), loadDirectParticipants(db, { accountId, conversationIds: [conversationId] })]);
  const names = new Map(participants.map((p) => [p.userId, p.name]));
  return rows.map((row) => ({
    id: row.id,
    conversation_id: row.conversationId,
    content: row.content,
    echo_id: row.echoId,
    sender: row.senderId ? { id: row.senderId, name: names.get(row.senderId) ?? '', type: 'user' as const } : null,
    attachments: files
      .filter((file) => file.messageId === row.id)
      .map((file) => ({ id: file.id, file_name: file.fileName, file_type: file.fileType, content_type: file.contentType, file_size: file.byteSize, data_url: directAttachmentUrl(accountId, conversationId, file) })),
    created_at: unixSeconds(row.createdAt)!,
  }));
}

export type DirectMessageJson = Awaited<ReturnType<typeof serializeDirectMessages>>[number];

/** The user's direct conversations as they see them: participants, their own unread count, the last message. */
export async function loadDirectConversationsFor(db: DatabaseOrTransaction, scope: { accountId: number; userId: number; ids?: number[] }) {
  const rows = await listDirectConversationsOfUser(db, scope);
  const participants = await loadDirectParticipants(db, { accountId: scope.accountId, conversationIds: rows.map((row) => row.id) });
  const lastMessages = new Map<number, DirectMessageJson>();
  for (const row of rows) {
    if (!row.lastMessageId) continue;
    const [message] = await serializeDirectMessages(db, scope.accountId, row.id, await listDirectMessages(db, { conversationId: row.id, ids: [row.lastMessageId] }));
    if (message) lastMessages.set(row.id, message);
  }
  return rows.map((row) => ({
    id: row.id,
    account_id: scope.accountId,
    participants: participants.filter((p) => p.conversationId === row.id).map((p) => ({ id: p.userId, name: p.name, email: p.email })),
    unread_count: row.unreadCount,
    last_message: lastMessages.get(row.id) ?? null,
    created_by_id: row.createdById,
    created_at: unixSeconds(row.createdAt)!,
    last_activity_at: unixSeconds(row.lastActivityAt)!,
  }));
}

export type DirectConversationJson = Awaited<ReturnType<typeof loadDirectConversationsFor>>[number];

async function findOwnDirectConversation(ctx: ServiceContext, conversationId: number) {
  const conversation = await findDirectConversationOfParticipant(ctx.db, { accountId: ctx.actor.accountId, conversationId, userId: ctx.actor.userId });
  // Not a participant (administrators included): the same answer as a conversation that does not exist.
  if (!conversation) throw notFound('Direct conversation');
  return conversation;
}

async function showFor(ctx: ServiceContext, conversationId: number) {
  const [json] = await loadDirectConversationsFor(ctx.db, { accountId: ctx.actor.accountId, userId: ctx.actor.userId, ids: [conversationId] });
  if (!json) throw notFound('Direct conversation');
  return json;
}

export const listDirectConversations = (ctx: ServiceContext) => loadDirectConversationsFor(ctx.db, { accountId: ctx.actor.accountId, userId: ctx.actor.userId });

export async function showDirectConversation(ctx: ServiceContext, conversationId: number) {
  await findOwnDirectConversation(ctx, conversationId);
  return showFor(ctx, conversationId);
}

async function checkedMembers(ctx: ServiceContext, userIds: number[]) {
  const others = [...new Set(userIds)].filter((id) => id !== ctx.actor.userId);
  const members = await filterAccountMembers(ctx.db, { accountId: ctx.actor.accountId, userIds: others });
  if (members.length !== others.length) throw invalid('user_ids', 'Everyone in a direct conversation must belong to this account');
  return members;
}

/**
 * Stores a message (with its files), notifies the other participants and announces it to each of
 * them, all in one transaction; then starts their digest timers.
 */
async function postMessage(ctx: ServiceContext, tx: DatabaseOrTransaction, input: { conversationId: number; content: string | null; files: StoredUpload[]; echoId?: string }) {
  const message = await insertDirectMessage(tx, { conversationId: input.conversationId, senderId: ctx.actor.userId, content: input.content, echoId: input.echoId ?? null });
  if (!message) return { message: await findDirectMessageByEcho(tx, { conversationId: input.conversationId, echoId: input.echoId! }), created: false, notified: [] as number[] };
  await insertDirectAttachments(
    tx,
    input.files.map((file) => ({ messageId: message.id, fileType: file.fileType, fileName: file.fileName, contentType: file.contentType, byteSize: file.byteSize, storageKey: file.storageKey })),
  );
  const participants = await listDirectParticipantIds(tx, input.conversationId);
  const others = participants.filter((id) => id !== ctx.actor.userId);
  const notified = await recordNotifications(tx, {
    accountId: ctx.actor.accountId,
    userIds: others,
    notificationType: 'direct_message',
    primaryActorType: 'DirectConversation',
    primaryActorId: input.conversationId,
    secondaryActorId: ctx.actor.userId,
    sourceMessageId: message.id,
    meta: { preview: (input.content ?? input.files.map((f) => f.fileName).join(', ')).slice(0, previewLength) },
  });
  await publishUserEvent(tx, { type: 'direct_message.created', accountId: ctx.actor.accountId, userIds: participants, directConversationId: input.conversationId, messageId: message.id });
  return { message, created: true, notified };
}

/** "New conversation": the picked users (and the author) with the first message; a conversation never sent does not exist. */
export async function createDirectConversation(ctx: ServiceContext, input: { userIds: number[]; content?: string | null; files?: StoredUpload[] }) {
  const files = input.files ?? [];
  try {
    const members = await checkedMembers(ctx, input.userIds);
    if (members.length === 0) throw invalid('user_ids', 'Pick at least one other person');
    const body = prepareMessageBody({ content: input.content, files });
    const result = await ctx.db.transaction(async (tx) => {
      const conversation = await insertDirectConversation(tx, { accountId: ctx.actor.accountId, createdById: ctx.actor.userId });
      await addDirectParticipants(tx, { conversationId: conversation.id, userIds: [ctx.actor.userId, ...members] });
      const posted = await postMessage(ctx, tx, { conversationId: conversation.id, content: body.content, files });
      return { conversationId: conversation.id, notified: posted.notified };
    });
    await scheduleDigests(ctx, result.notified);
    return showFor(ctx, result.conversationId);
  } catch (error) {
    await discardUploads(ctx.storage, files);
    throw error;
  }
}

export async function listDirectConversationMessages(ctx: ServiceContext, input: { conversationId: number; before?: number }) {
  await findOwnDirectConversation(ctx, input.conversationId);
  const rows = await listDirectMessages(ctx.db, { conversationId: input.conversationId, beforeId: input.before });
  return serializeDirectMessages(ctx.db, ctx.actor.accountId, input.conversationId, rows);
}

export async function createDirectMessage(ctx: ServiceContext, input: { conversationId: number; content?: string | null; files?: StoredUpload[]; echoId?: string }) {
  const files = input.files ?? [];
  try {
    await findOwnDirectConversation(ctx, input.conversationId);
    const body = prepareMessageBody({ content: input.content, files });
    const posted = await ctx.db.transaction((tx) => postMessage(ctx, tx, { conversationId: input.conversationId, content: body.content, files, echoId: input.echoId }));
    if (!posted.created) await discardUploads(ctx.storage, files);
    await scheduleDigests(ctx, posted.notified);
    const [json] = await serializeDirectMessages(ctx.db, ctx.actor.accountId, input.conversationId, [posted.message!]);
    return json;
  } catch (error) {
    await discardUploads(ctx.storage, files);
    throw error;
  }
}

/** Adds people to the conversation: they see its whole history from now on. */
export async function addDirectConversationParticipants(ctx: ServiceContext, input: { conversationId: number; userIds: number[] }) {
  await findOwnDirectConversation(ctx, input.conversationId);
  const members = await checkedMembers(ctx, input.userIds);
  await ctx.db.transaction(async (tx) => {
    await addDirectParticipants(tx, { conversationId: input.conversationId, userIds: members });
    const participants = await listDirectParticipantIds(tx, input.conversationId);
    await publishUserEvent(tx, { type: 'direct_conversation.updated', accountId: ctx.actor.accountId, userIds: participants, directConversationId: input.conversationId });
  });
  return showFor(ctx, input.conversationId);
}

/** The participant has read everything: unread count and the conversation's notifications go. */
export async function markDirectConversationSeen(ctx: ServiceContext, conversationId: number) {
  await findOwnDirectConversation(ctx, conversationId);
  await ctx.db.transaction(async (tx) => {
    await markDirectConversationRead(tx, { conversationId, userId: ctx.actor.userId });
    await markDirectConversationNotificationsRead(tx, { userId: ctx.actor.userId, conversationId });
    await publishUserEvent(tx, { type: 'notification.updated', accountId: ctx.actor.accountId, userIds: [ctx.actor.userId] });
  });
  return showFor(ctx, conversationId);
}

/** A file of a direct message, for participants only (everyone else: 404). */
export async function openDirectAttachment(ctx: ServiceContext, input: { conversationId: number; attachmentId: number }) {
  await findOwnDirectConversation(ctx, input.conversationId);
  const file = await findDirectAttachment(ctx.db, input);
  if (!file) throw notFound('Attachment');
  let body: Readable;
  try {
    body = await ctx.storage.read(file.storageKey);
  } catch (error) {
    if (error instanceof BlobNotFoundError) throw notFound('Attachment');
    throw error;
  }
  return { file, body };
}
