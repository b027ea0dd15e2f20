import type { AccountRole, AvailabilityStatus } from '../../db/schema/index.js';
import { z } from '@hono/zod-openapi';

export const agentSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    name: z.string(),
    display_name: z.string().nullable(),
    email: z.string(),
    role: z.enum(['administrator', 'agent']),
    availability_status: z.enum(['online', 'busy', 'offline']),
    auto_offline: z.boolean(),
    effective_availability: z
      .enum(['online', 'busy', 'offline'])
      .openapi({ description: 'What the inbox router goes by: availability_status, except offline when auto_offline is on and no console has been open for PRESENCE_OFFLINE_AFTER' }),
    confirmed: z.boolean(),
    thumbnail: z.string(),
    custom_role_id: z.number().int().nullable().openapi({ description: 'The agent’s custom role (Chatwoot’s account_users.custom_role_id); null: the built-in role' }),
  })
  .openapi('Agent');

export type AgentJson = z.infer<typeof agentSchema>;

export function serializeAgent(row: {
  id: number;
  accountId: number;
  name: string;
  displayName: string | null;
  email: string;
  role: AccountRole;
  availability: AvailabilityStatus;
  autoOffline: boolean;
  effectiveAvailability: AvailabilityStatus;
  customRoleId?: number | null;
}): AgentJson {
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    display_name: row.displayName,
    email: row.email,
    role: row.role,
    availability_status: row.availability,
    auto_offline: row.autoOffline,
    effective_availability: row.effectiveAvailability,
    confirmed: true,
    thumbnail: '',
    custom_role_id: row.customRoleId ?? null,
  };
}
