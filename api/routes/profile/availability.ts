import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { invalid } from '../../../core/errors.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { setAvailability } from '../../../core/services/profile/availability.js';
import { availabilitySchema } from '../agents/schemas.js';
import { profileSchema } from './show.js';

const availabilityFields = z.object({
  account_id: idField.optional(),
  availability: availabilitySchema.optional(),
  auto_offline: z.boolean().optional().openapi({ description: 'Whether closing every console makes you offline after PRESENCE_OFFLINE_AFTER (default true)' }),
});

/** `{ account_id, availability }`, or Chatwoot's `{ profile: { account_id, availability } }`; both fields are required either way. */
export const availabilityRequestSchema = availabilityFields
  .extend({ profile: availabilityFields.optional().openapi({ description: 'Chatwoot’s form: the same fields wrapped in `profile`' }) })
  .openapi('AvailabilityRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/profile/availability',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Set your availability (online, busy, offline) in one of your accounts',
  security: securityUserToken,
  request: { body: jsonBody(availabilityRequestSchema) },
  responses: { 200: jsonContent(profileSchema, 'The profile with the new availability'), ...standardErrorResponses },
});

export function registerSetAvailability(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { profile, ...flat } = c.req.valid('json');
    const { account_id, availability, auto_offline } = { ...flat, ...profile };
    if (account_id === undefined) throw invalid('account_id', 'account_id is required');
    if (availability === undefined) throw invalid('availability', 'availability is required (online, busy or offline)');
    return c.json(await setAvailability(c.var.deps, { userId: c.var.auth.user.id, accountId: account_id, availability, autoOffline: auto_offline }), 200);
  });
}
