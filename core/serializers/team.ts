import { z } from '@hono/zod-openapi';
import type { TeamRow } from '../../db/queries/teams.js';

export const teamSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    allow_auto_assign: z.boolean(),
    account_id: z.number().int(),
    is_member: z.boolean(),
  })
  .openapi('Team');

export type TeamJson = z.infer<typeof teamSchema>;

export const serializeTeam = ({ team, isMember }: { team: TeamRow; isMember: boolean }): TeamJson => ({
  id: team.id,
  name: team.name,
  description: team.description,
  allow_auto_assign: team.allowAutoAssign,
  account_id: team.accountId,
  is_member: Boolean(isMember),
});
