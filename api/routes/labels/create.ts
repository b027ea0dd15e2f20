import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { labelSchema } from '../../../core/serializers/label.js';
import { createLabel } from '../../../core/services/labels/labels.js';
import { labelFields } from './schemas.js';

export const createLabelRequestSchema = z.object(labelFields).openapi('CreateLabelRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/labels',
  ...requires('label_manage'),
  tags: ['Labels'],
  summary: 'Create a label (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createLabelRequestSchema) },
  responses: { 200: jsonContent(labelSchema, 'The new label'), ...standardErrorResponses },
});

export function registerCreateLabel(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const label = await createLabel(
      { ...c.var.deps, actor: c.var.actor },
      { title: body.title, description: body.description, color: body.color, showOnSidebar: body.show_on_sidebar },
    );
    return c.json(label, 200);
  });
}
