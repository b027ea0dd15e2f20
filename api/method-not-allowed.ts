import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.js';
import type { ErrorBody } from '../core/errors.js';

type Document = { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema?: { type?: unknown } }> }>> };

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

/**
 * An OpenAPI path template as an anchored regular expression. An integer path parameter matches
 * digits only, so `/contacts/search` is not also `/contacts/{id}` (the router takes both; the id's
 * validator then refuses "search").
 */
function templateRegex(template: string, operations: Document['paths'][string]) {
  const integers = new Set(
    Object.values(operations)
      .flatMap((operation) => operation.parameters ?? [])
      .filter((parameter) => parameter.in === 'path' && parameter.schema?.type === 'integer')
      .map((parameter) => parameter.name),
  );
  const source = template
    .split('/')
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (parameter) return integers.has(parameter) ? '[0-9]+' : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

let paths: Array<{ regex: RegExp; methods: string[] }> = [];

/** The methods the document gives the path a request names (HEAD wherever GET is: Hono answers it from GET). */
export function methodsAllowedAt(path: string): Set<string> {
  const allowed = new Set<string>();
  for (const { regex, methods } of paths) if (regex.test(path)) for (const method of methods) allowed.add(method);
  if (allowed.has('GET')) allowed.add('HEAD');
  return allowed;
}

/** 405 with `Allow` (RFC 9110 §15.5.6) when the path exists under other methods; undefined when it does not, or takes this one. */
export function methodNotAllowed(c: Context<AppEnv>): Response | undefined {
  const allowed = methodsAllowedAt(c.req.path);
  if (allowed.size === 0 || allowed.has(c.req.method)) return undefined;
  const allow = [...allowed].sort().join(', ');
  c.header('Allow', allow);
  const body: ErrorBody = { error: { code: 'METHOD_NOT_ALLOWED', message: `${c.req.method} is not allowed here; Allow: ${allow}`, requestId: c.var.requestId } };
  return c.json(body, 405);
}

/**
 * An unknown method on a known path answers 405 with `Allow` instead of 404, so a client learns the
 * path exists and what it takes. Installed once every route is registered: it reads the document.
 */
export function answerUnknownMethods(app: OpenAPIHono<AppEnv>, document: Document) {
  paths = Object.entries(document.paths).map(([template, operations]) => ({
    regex: templateRegex(template, operations),
    methods: Object.keys(operations).filter((method) => httpMethods.has(method)).map((method) => method.toUpperCase()),
  }));
  app.notFound((c) => methodNotAllowed(c) ?? c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}`, requestId: c.var.requestId } } satisfies ErrorBody, 404));
}
