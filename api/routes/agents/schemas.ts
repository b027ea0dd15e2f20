import { z } from '@hono/zod-openapi';
import { accountRoles, availabilityStatuses } from '../../../db/schema/index.js';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const agentParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, description: 'The agent’s user id', example: 2 }),
});

export const agentNameSchema = z.string().trim().min(1).max(255).openapi({ example: 'Ana Lima' });
export const roleSchema = z.enum(accountRoles);
export const availabilitySchema = z.enum(availabilityStatuses);
/** Long enough to resist guessing; Argon2id makes each guess expensive. */
export const newPasswordSchema = z.string().min(8, 'Use at least 8 characters').max(200);
