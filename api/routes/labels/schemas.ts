import { z } from '@hono/zod-openapi';
import { hexColorSchema } from '../../../core/domain/http-url.js';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const labelParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** Chatwoot's label titles: lower-case slugs, matched by `#label` in filters and the command bar. */
export const labelFields = {
  title: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(255)
    .regex(/^[a-z0-9_-]+$/, 'Use lower-case letters, digits, - and _ only')
    .openapi({ example: 'billing' }),
  description: z.string().trim().max(1000).nullable().optional(),
  color: hexColorSchema().optional(),
  show_on_sidebar: z.boolean().optional(),
};
