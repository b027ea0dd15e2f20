/**
 * The folders' import rules, checked on the source: imports run api/activities → core → db, and
 * workflow code stays deterministic (no db/, activities/, core/ or Node built-ins).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/paths.js';

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(projectRoot, folder), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    out.push(path.relative(projectRoot, path.join(entry.parentPath, entry.name)));
  }
  return out;
}

/** Every import of a file, resolved to a project folder (`db`, `core`, …) or kept as the bare package name. */
function importsOf(file: string): string[] {
  const source = readFileSync(path.join(projectRoot, file), 'utf8');
  const statements = [...source.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm), ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)];
  const dynamicImports = [...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  const specifiers = [...statements, ...dynamicImports].map((match) => match[1]);
  return specifiers.map((specifier) =>
    specifier.startsWith('.') ? path.relative(projectRoot, path.resolve(path.dirname(path.join(projectRoot, file)), specifier)) : specifier,
  );
}

const topFolder = (resolved: string) => resolved.split(path.sep)[0];

function violations(folder: string, allowed: (resolved: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) => importsOf(file).filter((resolved) => !allowed(resolved)).map((resolved) => `${file} → ${resolved}`));
}

describe('folder layering', () => {
  it('finds source files to check (so the rules below are not vacuous)', () => {
    for (const folder of ['workflows', 'core', 'db', 'activities', 'api']) expect(sourceFiles(folder).length, folder).toBeGreaterThan(0);
  });

  it('keeps workflow code free of I/O: only @temporalio/workflow and other workflow files', () => {
    expect(violations('workflows', (resolved) => resolved.startsWith('@temporalio/workflow') || topFolder(resolved) === 'workflows')).toEqual([]);
  });

  it('keeps db/ at the bottom: it imports no other project folder', () => {
    expect(violations('db', (resolved) => !['api', 'core', 'activities', 'workflows', 'web', 'tests'].includes(topFolder(resolved)))).toEqual([]);
  });

  it('keeps core/ below the API and the worker: it never imports api/, activities/ or test code', () => {
    expect(violations('core', (resolved) => !['api', 'activities', 'web', 'tests'].includes(topFolder(resolved)))).toEqual([]);
  });

  it('keeps production code out of the test tree', () => {
    for (const folder of ['api', 'core', 'activities', 'db']) expect(violations(folder, (resolved) => topFolder(resolved) !== 'tests'), folder).toEqual([]);
  });

  it('keeps activities/ and api/ apart: neither imports the other', () => {
    expect(violations('activities', (resolved) => topFolder(resolved) !== 'api')).toEqual([]);
    expect(violations('api', (resolved) => topFolder(resolved) !== 'activities')).toEqual([]);
  });
});
