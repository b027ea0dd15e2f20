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
    confirmed: z.boolean(),
    thumbnail: z.string(),
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
    confirmed: true,
    thumbnail: '',
  };
}
