import { z } from '@hono/zod-openapi';
import type { labels } from '../../db/schema/index.js';

export const labelSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    color: z.string(),
    show_on_sidebar: z.boolean(),
  })
  .openapi('Label');

export type LabelJson = z.infer<typeof labelSchema>;

export const serializeLabel = (row: typeof labels.$inferSelect): LabelJson => ({
  id: row.id,
  title: row.title,
  description: row.description,
  color: row.color,
  show_on_sidebar: row.showOnSidebar,
});
