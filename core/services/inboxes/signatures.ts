import { filterAccountMemberIds } from '../../../db/queries/inboxes.js';
import { listInboxSignatures, upsertInboxSignature, type SignatureRow } from '../../../db/queries/signatures.js';
import type { ServiceContext } from '../../context.js';
import { invalid } from '../../errors.js';
import { assertCanManageInboxes, findVisibleInbox } from './access.js';

export const maxSignatureLength = 10_000;

export type SignatureJson = { user_id: number | null; body: string; enabled: boolean; updated_at: number };

const serializeSignature = (row: SignatureRow): SignatureJson => ({
  user_id: row.userId,
  body: row.body,
  enabled: row.enabled,
  updated_at: Math.floor(row.updatedAt.getTime() / 1000),
});

async function findEmailInbox(ctx: ServiceContext, inboxId: number) {
  assertCanManageInboxes(ctx);
  const inbox = await findVisibleInbox(ctx, inboxId);
  if (inbox.channelType !== 'email') throw invalid('inbox_id', 'Only email inboxes have signatures');
  return inbox;
}

/** Administrators: the inbox's general signature (`user_id` null) and each agent's. */
export async function listSignatures(ctx: ServiceContext, inboxId: number): Promise<SignatureJson[]> {
  const inbox = await findEmailInbox(ctx, inboxId);
  return (await listInboxSignatures(ctx.db, { accountId: ctx.actor.accountId, inboxId: inbox.id })).map(serializeSignature);
}

/** Administrators: sets one signature and its switch; `userId` null is the general one, used when an agent has none switched on. */
export async function saveSignature(ctx: ServiceContext, inboxId: number, input: { userId: number | null; body: string; enabled: boolean }): Promise<SignatureJson> {
  const inbox = await findEmailInbox(ctx, inboxId);
  if (input.userId !== null) {
    const [member] = await filterAccountMemberIds(ctx.db, { accountId: ctx.actor.accountId, userIds: [input.userId] });
    if (member === undefined) throw invalid('user_id', 'No agent of this account has this id');
  }
  return serializeSignature(await upsertInboxSignature(ctx.db, { accountId: ctx.actor.accountId, inboxId: inbox.id, userId: input.userId, body: input.body, enabled: input.enabled }));
}
