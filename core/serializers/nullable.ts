import { z } from '@hono/zod-openapi';

/**
 * A named (`.openapi('Name')`) schema or null. Not `schema.nullable()`: zod-to-openapi then writes the
 * shared component itself as `type: ["object", "null"]`, so every response that names it would
 * admit null, and the document stops saying what the serializers guarantee.
 */
export const orNull = <T extends z.ZodType>(schema: T) => z.union([schema, z.null()]);
