/**
 * The name of the unique constraint (index) a failed insert or update hit, or undefined for any
 * other error. drizzle wraps driver errors in DrizzleQueryError, so the Postgres error is its cause.
 */
export function uniqueViolationConstraint(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const candidate = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (candidate.code === '23505') return String(candidate.constraint_name ?? candidate.constraint ?? '');
  }
  return undefined;
}
