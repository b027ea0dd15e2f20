import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';

type Response = { description?: string; headers?: Record<string, { schema?: { type?: string } }> };
type Document = { paths: Record<string, Record<string, { responses?: Record<string, Response> }>> };

const it = apiTest({ worker: false });
/** Answered from the process alone (liveness, its own metrics): neither touches Postgres or Temporal. */
const processOnlyPaths = new Set(['/api/health', '/metrics']);

describe('the OpenAPI document’s error responses', () => {
  it('documents 503 with Retry-After on every operation that reaches Postgres or Temporal (all but liveness and metrics)', async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as Document;
    const operations = Object.entries(doc.paths).filter(([path]) => !processOnlyPaths.has(path)).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ name: `${method} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(40);
    const missing = operations.filter(({ op }) => op.responses?.['503']?.headers?.['Retry-After']?.schema?.type !== 'integer').map(({ name }) => name);
    expect(missing).toEqual([]);
  });
});
