import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { labelSchema } from '../../../core/serializers/label.js';
import { updateLabel } from '../../../core/services/labels/labels.js';
import { labelFields, labelParams } from './schemas.js';

export const updateLabelRequestSchema = z.object({ ...labelFields, title: labelFields.title.optional() }).openapi('UpdateLabelRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/labels/{id}',
  ...requires('label_manage'),
  tags: ['Labels'],
  summary: 'Change a label (administrators only)',
  security: securityUserToken,
  request: { params: labelParams, body: jsonBody(updateLabelRequestSchema) },
  responses: { 200: jsonContent(labelSchema, 'The updated label'), ...standardErrorResponses },
});

export function registerUpdateLabel(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const label = await updateLabel({ ...c.var.deps, actor: c.var.actor }, id, {
      title: body.title,
      description: body.description,
      color: body.color,
      showOnSidebar: body.show_on_sidebar,
    });
    return c.json(label, 200);
  });
}
