import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { AppDependencies } from '../core/context.js';
import type { AppEnv } from './env.js';
import { ApiError, type ErrorBody } from '../core/errors.js';
import { asUnavailableError } from '../core/unavailable.js';
import { fieldWithUnstorableText, unstorableTextMessage } from './unstorable-text.js';
import { methodNotAllowed } from './method-not-allowed.js';

/** Turns zod failures into 422s that name the first bad field, e.g. `message.content`. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) {
    // Checked on what the schema kept (unknown keys are already stripped): text Postgres cannot store.
    const field = fieldWithUnstorableText(result.data);
    if (field === undefined) return;
    const body: ErrorBody = { error: { code: 'VALIDATION_FAILED', message: `${field || 'body'}: ${unstorableTextMessage}`, field: field || undefined, requestId: c.var.requestId } };
    return c.json(body, 422);
  }
  // A path parameter that is not what the route takes ("search" for an id) may be another route's
  // path under other methods: that is a 405, not a bad id.
  if ((result as { target?: string }).target === 'param') {
    const wrongMethod = methodNotAllowed(c);
    if (wrongMethod) return wrongMethod;
  }
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const body: ErrorBody = {
    error: {
      code: 'VALIDATION_FAILED',
      message: field ? `${field}: ${issue.message}` : (issue?.message ?? 'Invalid request'),
      field,
      requestId: c.var.requestId,
    },
  };
  return c.json(body, 422);
};

// A caller's request id is echoed into logs and headers, so only a short, plain token is taken over.
const acceptableRequestId = /^[\w.:-]{1,64}$/;

/** The caller's `x-request-id` when it is a plain token of at most 64 characters, else a fresh one. */
export function requestIdFor(header: string | undefined): string {
  return header && acceptableRequestId.test(header) ? header : randomUUID();
}

/**
 * What a 500 logs: the route's pattern (`/public/api/v1/inboxes/:inbox_identifier/…`), never the
 * path itself, which carries visitors' contact identifiers and inbox tokens; and the error's stack
 * only, not its own fields (a database error's parameters are request data).
 */
function logInternalError(c: Context<AppEnv>, requestId: string, error: Error) {
  const route = routePath(c, -1) || '(no route)';
  const { code } = error as { code?: unknown };
  const codeNote = typeof code === 'string' ? ` [${code}]` : '';
  console.error(`[api] ${requestId} ${c.req.method} ${route}${codeNote}\n${error.stack ?? `${error.name}: ${error.message}`}`);
}

/** A Hono app with Parley's request id, validation hook and error mapping; every router starts from here. */
export function newApp(deps?: AppDependencies): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', async (c, next) => {
    c.set('requestId', requestIdFor(c.req.header('x-request-id')));
    if (deps) c.set('deps', deps);
    await next();
    c.header('x-request-id', c.var.requestId);
  });
  app.onError((thrown, c) => {
    const requestId = c.var.requestId ?? randomUUID();
    // Temporal or Postgres unreachable (or past its deadline) is a 503 the client may retry, never a 500.
    const error = asUnavailableError(thrown) ?? thrown;
    if (error instanceof ApiError) {
      if ((error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE') && error.details?.retryAfterSeconds) c.header('Retry-After', String(error.details.retryAfterSeconds));
      const body: ErrorBody = { error: { code: error.code, message: error.message, field: error.field, requestId } };
      return c.json(body, error.status);
    }
    if (error instanceof HTTPException) {
      // Hono raises these for unparseable JSON bodies and similar protocol faults.
      const status = error.status;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : 'BAD_REQUEST';
      const body: ErrorBody = { error: { code, message: error.message || 'Malformed request', requestId } };
      return c.json(body, status >= 500 ? 400 : (status as 400));
    }
    logInternalError(c, requestId, error);
    const body: ErrorBody = { error: { code: 'INTERNAL', message: 'Something went wrong on our side', requestId } };
    return c.json(body, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}`, requestId: c.var.requestId } } satisfies ErrorBody, 404));
  return app;
}
