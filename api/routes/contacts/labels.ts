import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { listContactLabelTitles, setContactLabels } from '../../../core/services/contacts/labels.js';
import { contactParams } from './schemas.js';
import { requires } from '../../route-access.js';

export const setContactLabelsRequestSchema = z
  .object({
    labels: z.array(z.string().trim().min(1).max(60).regex(/^[\p{L}\p{N}_-]+$/u, 'Labels are letters, digits, - and _')).max(50),
  })
  .openapi('SetContactLabelsRequest');

const labelsResponse = jsonContent(z.object({ payload: z.array(z.string()) }).openapi('ContactLabels'), "The contact's labels");

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/labels',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: "The contact's labels",
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: labelsResponse, ...standardErrorResponses },
});

const setRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/labels',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: "Replace the contact's labels; a title that is not yet an account label is created for administrators and refused (403, field labels) for agents",
  security: securityUserToken,
  request: { params: contactParams, body: jsonBody(setContactLabelsRequestSchema) },
  responses: { 200: labelsResponse, ...standardErrorResponses },
});

export function registerContactLabels(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const payload = await listContactLabelTitles({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ payload }, 200);
  });
  app.openapi(setRoute, async (c) => {
    const payload = await setContactLabels({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, c.req.valid('json').labels);
    return c.json({ payload }, 200);
  });
}
