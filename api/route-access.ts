import type { MiddlewareHandler } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.js';
import { allowsRoute, routeAccessLevels, type RouteAccess } from '../core/domain/permissions.js';
import { forbidden } from '../core/errors.js';

/**
 * Every route declares what it asks of its caller with one line in its `createRoute({...})`:
 *
 *   ...requires('label_manage'),
 *
 * The declaration is an OpenAPI extension, so the served document (/api/openapi.json) carries it
 * per operation and the authorization matrix test reads it from there. `enforceRouteAccess` runs it
 * before the route's validators and handler; the services still apply row-level scope (which
 * conversations, inboxes, contacts) through core/domain/permissions.ts.
 */
export const routeAccessExtension = 'x-parley-access';

export const requires = (access: RouteAccess) => ({ [routeAccessExtension]: access }) as { [routeAccessExtension]: RouteAccess };

const isRouteAccess = (value: unknown): value is RouteAccess => typeof value === 'string' && (routeAccessLevels as readonly string[]).includes(value);

function routeAccessGate(access: unknown, route: { method: string; path: string }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Fail closed: a route nobody declared answers no one (and the matrix test names it).
    if (!isRouteAccess(access)) throw forbidden(`${route.method.toUpperCase()} ${route.path} declares no permission`);
    if (access === 'public' || access === 'signed_in') return next();
    const actor = c.var.actor;
    if (!actor) throw forbidden(`${route.path} needs an account in its path`);
    if (!allowsRoute(actor, access)) throw forbidden(access === 'administrator' ? 'Only administrators can do this' : `This needs the ${access} permission`);
    return next();
  };
}

/** Makes every `app.openapi(route, …)` registered after it run its route's declaration first. */
export function enforceRouteAccess(app: OpenAPIHono<AppEnv>) {
  const register = app.openapi.bind(app) as (...args: unknown[]) => unknown;
  const withGate = (route: Record<string, unknown> & { method: string; path: string; middleware?: unknown }, ...rest: unknown[]) => {
    const declared = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
    return register({ ...route, middleware: [routeAccessGate(route[routeAccessExtension], route), ...declared] }, ...rest);
  };
  app.openapi = withGate as unknown as typeof app.openapi;
}
