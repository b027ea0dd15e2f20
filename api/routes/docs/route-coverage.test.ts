import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';

type Document = { paths: Record<string, Record<string, unknown>> };

/**
 * What the app serves without describing it in its own document: the document itself and the
 * reference page that renders it (HTML and script assets, not API operations).
 */
const describesTheApi = new Set(['GET /api/openapi.json', 'GET /api/docs', 'GET /api/docs/assets/scalar-standalone.js', 'GET /api/docs/assets/init.js']);

const it = apiTest({ worker: false });

describe('the OpenAPI document covers every route', () => {
  it('lists every method and path the app registers, and nothing it does not', async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as Document;
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)));
    // Middleware is registered as method ALL; every other entry is a route a client can call.
    const registered = new Set(stack.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`));
    expect(registered.size).toBeGreaterThan(150);
    expect([...registered].filter((route) => !documented.has(route) && !describesTheApi.has(route))).toEqual([]);
    expect([...documented].filter((route) => !registered.has(route))).toEqual([]);
  });

  it('documents the live event streams as text/event-stream and the uploads as multipart/form-data', async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }>; requestBody?: { content?: Record<string, unknown> } }>> };
    const streams = ['/api/v1/accounts/{account_id}/events', '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/events', '/public/api/v1/portal/{account_id}/events'];
    for (const path of streams) expect(Object.keys(doc.paths[path]?.get?.responses?.['200']?.content ?? {}), path).toContain('text/event-stream');
    const uploads = ['/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages'];
    for (const path of uploads) expect(Object.keys(doc.paths[path]?.post?.requestBody?.content ?? {}), path).toContain('multipart/form-data');
  });

  it('names no shared component that admits null, so a response naming one cannot pass with null', async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { components: { schemas: Record<string, { type?: unknown }> } };
    const nullable = Object.entries(doc.components.schemas).filter(([, schema]) => Array.isArray(schema.type) && schema.type.includes('null')).map(([name]) => name);
    expect(nullable).toEqual([]);
  });
});
