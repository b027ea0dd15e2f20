import { z } from '@hono/zod-openapi';
import type { InvitationRow } from '../../db/queries/invitations.js';
import { agentSchema, type AgentJson } from './user.js';
import { unixSeconds } from './time.js';

export const invitationStateSchema = z
  .object({
    id: z.number().int(),
    status: z.literal('pending'),
    created_at: z.number().int(),
    expires_at: z.number().int(),
    email_sent: z.boolean().optional().openapi({ description: 'In the answer that sent it: whether the invitation e-mail went out' }),
  })
  .openapi('AgentInvitationState');

/**
 * Someone with a Parley login elsewhere, invited but not yet a member: the agent shape Chatwoot
 * clients know, with `confirmed: false`, plus the invitation. `name` is what the administrator
 * typed; the person's own name and details stay theirs until they accept.
 */
export const invitedAgentSchema = agentSchema.extend({ confirmed: z.literal(false), invitation: invitationStateSchema }).openapi('InvitedAgent');
export type InvitedAgentJson = z.infer<typeof invitedAgentSchema>;

export function serializeInvitedAgent(row: InvitationRow, extra: { emailSent?: boolean } = {}): InvitedAgentJson {
  const base: AgentJson = {
    id: row.userId,
    account_id: row.accountId,
    name: row.name,
    display_name: null,
    email: row.email,
    effective_availability: 'offline',
    role: row.role,
    availability_status: 'offline',
    auto_offline: true,
    confirmed: false,
    thumbnail: '',
    custom_role_id: null,
  };
  return {
    ...base,
    confirmed: false,
    invitation: {
      id: row.id,
      status: 'pending',
      created_at: unixSeconds(row.createdAt)!,
      expires_at: unixSeconds(row.expiresAt)!,
      ...(extra.emailSent === undefined ? {} : { email_sent: extra.emailSent }),
    },
  };
}

/** The invitee's view of an invitation addressed to them. */
export const receivedInvitationSchema = z
  .object({
    id: z.number().int(),
    account: z.object({ id: z.number().int(), name: z.string() }),
    role: z.enum(['administrator', 'agent']),
    invited_by: z.string().nullable(),
    created_at: z.number().int(),
    expires_at: z.number().int(),
  })
  .openapi('ReceivedInvitation');

export function serializeReceivedInvitation(row: {
  id: number;
  accountId: number;
  accountName: string;
  role: 'administrator' | 'agent';
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
}): z.infer<typeof receivedInvitationSchema> {
  return {
    id: row.id,
    account: { id: row.accountId, name: row.accountName },
    role: row.role,
    invited_by: row.invitedByName,
    created_at: unixSeconds(row.createdAt)!,
    expires_at: unixSeconds(row.expiresAt)!,
  };
}
