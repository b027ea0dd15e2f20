import { z } from '@hono/zod-openapi';

/** Chatwoot's report filters: the period in Unix seconds (default the last 7 days) and the agents rated. */
export const csatReportQuery = z.object({
  since: z.coerce.number().int().positive().optional().openapi({ description: 'Start of the period, Unix seconds (default: 7 days before until)' }),
  until: z.coerce.number().int().positive().optional().openapi({ description: 'End of the period, Unix seconds (default: now)' }),
  user_ids: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? undefined : (Array.isArray(value) ? value : value.split(',')).filter(Boolean).map(Number)))
    .refine((ids) => ids === undefined || ids.every((id) => Number.isInteger(id) && id > 0), 'user_ids must be agent ids')
    .openapi({ description: 'Only conversations these agents resolved (comma-separated or repeated)', type: 'string' }),
});

export const reportInputOf = (query: z.infer<typeof csatReportQuery>) => ({ since: query.since, until: query.until, agentIds: query.user_ids });
