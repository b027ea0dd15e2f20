/**
 * Rate-limit counters live in the one Postgres every test file shares, keyed by client address, so
 * two files sending the same X-Forwarded-For address share a budget and fail each other at random.
 * Each address literal a test sends belongs to one file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/paths.js';

function testFiles(): string[] {
  return ['api', 'core', 'tests', 'web/src'].flatMap((folder) =>
    readdirSync(path.join(projectRoot, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.test.ts'))
      .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name))),
  );
}

/** Addresses a file hands to visitors or puts in X-Forwarded-For. */
function addressesSentBy(file: string): Set<string> {
  const source = readFileSync(path.join(projectRoot, file), 'utf8');
  const patterns = [/startVisitor\([^)]*?'(\d+\.\d+\.\d+\.\d+)'/g, /visitorClient\([^)]*?'(\d+\.\d+\.\d+\.\d+)'/g, /'x-forwarded-for':\s*'(\d+\.\d+\.\d+\.\d+)'/g];
  return new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1])));
}

describe('test client addresses', () => {
  it('finds the addresses test files send (so the check below is not vacuous)', () => {
    expect(testFiles().filter((file) => addressesSentBy(file).size > 0).length).toBeGreaterThan(3);
  });

  it('gives every address to one test file only', () => {
    const filesByAddress = new Map<string, string[]>();
    for (const file of testFiles()) for (const address of addressesSentBy(file)) filesByAddress.set(address, [...(filesByAddress.get(address) ?? []), file]);
    const shared = [...filesByAddress].filter(([, files]) => files.length > 1).map(([address, files]) => `${address}: ${files.join(', ')}`);
    expect(shared).toEqual([]);
  });
});
