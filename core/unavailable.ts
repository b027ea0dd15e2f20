import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApiError } from './errors.js';

/** What a client is told to wait before retrying when Temporal or Postgres is unreachable. */
export const unavailableRetryAfterSeconds = 5;

// gRPC status codes: the server is unreachable, or the call ran past its deadline.
const grpcUnavailable = 14;
const grpcDeadlineExceeded = 4;

// postgres.js connection failures, and server states that refuse work (SQLSTATE 08xxx is "connection exception").
const postgresConnectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);
const postgresUnavailableStates = new Set(['57P01', '57P02', '57P03', '53300']);

function isUnavailableCause(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcServiceError(error)) return error.code === grpcUnavailable || error.code === grpcDeadlineExceeded;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return postgresConnectionCodes.has(code) || postgresUnavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}

/**
 * Temporal or Postgres could not be reached (or did not answer within the call's deadline): the
 * request did nothing a retry would repeat wrongly, so it becomes a 503 with Retry-After rather
 * than a 500. Follows `cause` chains, since drizzle and the Temporal client wrap the original error.
 */
export function asUnavailableError(error: unknown): ApiError | undefined {
  for (let current = error, depth = 0; current && depth < 8; current = (current as { cause?: unknown }).cause, depth += 1) {
    if (isUnavailableCause(current)) {
      return new ApiError('UNAVAILABLE', 'A service Parley depends on is unavailable; try again shortly', undefined, { retryAfterSeconds: unavailableRetryAfterSeconds });
    }
  }
  return undefined;
}
