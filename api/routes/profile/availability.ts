import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { setAvailability } from '../../services/profile/availability.js';
import { availabilitySchema } from '../agents/schemas.js';
import { profileSchema } from './show.js';

export const availabilityRequestSchema = z
  .object({
    account_id: z.number().int().positive(),
    availability: availabilitySchema,
  })
  .openapi('AvailabilityRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/profile/availability',
  tags: ['Profile'],
  summary: 'Set your availability (online, busy, offline) in one of your accounts',
  security: securityUserToken,
  request: { body: jsonBody(availabilityRequestSchema) },
  responses: { 200: jsonContent(profileSchema, 'The profile with the new availability'), ...standardErrorResponses },
});

export function registerSetAvailability(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { account_id, availability } = c.req.valid('json');
    return c.json(await setAvailability(c.var.deps.db, { userId: c.var.auth.user.id, accountId: account_id, availability }), 200);
  });
}
