import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const errorStatusByCode = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatusByCode;

/** The one error type services throw; the app turns it into `{ error: { code, message, field?, requestId } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): ContentfulStatusCode {
    return errorStatusByCode[this.code];
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new ApiError('FORBIDDEN', message);
export const conflict = (message: string, field?: string) => new ApiError('CONFLICT', message, field);
export const invalid = (field: string, message: string) => new ApiError('VALIDATION_FAILED', message, field);
export const unauthenticated = (message = 'Sign in or send a valid api_access_token header') => new ApiError('UNAUTHENTICATED', message);

export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string; requestId: string; details?: Record<string, unknown> } };
