import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack.js';

/**
 * Chatwoot compatibility yardstick: the operations of Chatwoot's own OpenAPI description (copied
 * from its swagger.json, see chatwoot-operations.tsv) against the document Parley serves. A
 * Chatwoot client that worked against Parley yesterday must keep working, so the list of covered
 * operations below may only grow.
 */
const operationsFile = new URL('./chatwoot-operations.tsv', import.meta.url);
const coveredFile = new URL('./chatwoot-covered-operations.txt', import.meta.url);

type ChatwootOperation = { method: string; path: string; tag: string; operationId: string };

/** Parameter names differ (`{id}` vs `{conversation_id}`) and one Chatwoot path ends in a slash; neither changes the route. */
export function operationKey(method: string, path: string): string {
  const normalisedPath = path.replace(/\{[^}]+\}/g, '{}').replace(/\/+$/, '');
  return `${method.toUpperCase()} ${normalisedPath}`;
}

/** The families Chatwoot's README names, by path prefix. */
function familyOf(path: string): string {
  if (path.startsWith('/platform/')) return 'platform';
  if (path.startsWith('/public/')) return 'client';
  if (path.startsWith('/api/v2/') || path.endsWith('/reporting_events')) return 'reports';
  if (path.startsWith('/api/v1/')) return 'Application';
  return 'other';
}

async function readChatwootOperations(): Promise<ChatwootOperation[]> {
  const [, ...rows] = (await readFile(operationsFile, 'utf8')).trim().split('\n');
  return rows.map((row) => {
    const [method, path, tag, operationId] = row.split('\t');
    return { method, path, tag, operationId };
  });
}

async function readCommittedCoverage(): Promise<string[]> {
  return (await readFile(coveredFile, 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

describe("coverage of Chatwoot's API operations", () => {
  let stack: TestStack;
  let served: Set<string>;
  let chatwoot: ChatwootOperation[];

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const document = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    served = new Set(
      Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => operationKey(method, path))),
    );
    chatwoot = await readChatwootOperations();
  });
  afterAll(() => stack.close());

  it('reads all 144 operations of the Chatwoot description', () => {
    expect(chatwoot).toHaveLength(144);
    expect(new Set(chatwoot.map((operation) => operation.operationId)).size).toBe(144);
  });

  it('prints the coverage per family and still serves every operation it once covered', async () => {
    const families = new Map<string, { covered: string[]; missing: string[] }>();
    for (const operation of chatwoot) {
      const family = families.get(familyOf(operation.path)) ?? { covered: [], missing: [] };
      families.set(familyOf(operation.path), family);
      const label = `${operation.method} ${operation.path}`;
      (served.has(operationKey(operation.method, operation.path)) ? family.covered : family.missing).push(label);
    }
    const lines = [...families].map(
      ([family, { covered, missing }]) => `${family.padEnd(12)} ${covered.length} of ${covered.length + missing.length}`,
    );
    const total = [...families.values()].reduce((sum, family) => sum + family.covered.length, 0);
    console.info(`Chatwoot API coverage: ${total} of ${chatwoot.length}\n${lines.join('\n')}`);

    const nowCovered = chatwoot
      .filter((operation) => served.has(operationKey(operation.method, operation.path)))
      .map((operation) => operation.operationId);
    const committed = await readCommittedCoverage();
    const lost = committed.filter((operationId) => !nowCovered.includes(operationId));
    expect(lost, 'Parley no longer serves these Chatwoot operations; a Chatwoot client using them breaks').toEqual([]);
    const added = nowCovered.filter((operationId) => !committed.includes(operationId));
    expect(
      added,
      `Newly covered Chatwoot operations: add these operation ids to tests/compat/chatwoot-covered-operations.txt (one a line) so they stay covered`,
    ).toEqual([]);
  });
});
