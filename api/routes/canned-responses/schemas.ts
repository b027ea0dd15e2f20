import { z } from '@hono/zod-openapi';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const cannedResponseParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** Typed after `/` in the composer, so one word: no spaces. */
export const cannedResponseFields = {
  short_code: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^\S+$/, 'Use one word: no spaces')
    .openapi({ example: 'greeting' }),
  content: z.string().trim().min(1).max(10_000).openapi({ example: 'Hi {{contact.first_name}}, thanks for writing!' }),
};
