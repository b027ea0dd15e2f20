import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../scripts/lib/paths.js';

/** A process that loads embedded Postgres (as the test run and the launcher do), sets an exit code and lets the loop drain. */
function exitStatusAfterLoadingEmbeddedPostgres(exitCode: number): number | null {
  const script = `
    import { loadEmbeddedPostgres } from ${JSON.stringify(path.join(projectRoot, 'scripts/lib/embedded-postgres.ts'))};
    await loadEmbeddedPostgres();
    process.exitCode = ${exitCode};
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
  if (child.error) throw child.error;
  return child.status;
}

describe('exit codes', () => {
  it('keeps a failing run failing: loading embedded Postgres does not turn exit code 1 into 0', () => {
    expect(exitStatusAfterLoadingEmbeddedPostgres(1)).toBe(1);
  });

  it('still exits 0 when nothing failed', () => {
    expect(exitStatusAfterLoadingEmbeddedPostgres(0)).toBe(0);
  });
});
