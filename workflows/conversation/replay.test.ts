import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { loadRecordedHistories } from '../../tests/support/workflow-histories.js';

/**
 * Every history under tests/workflow-histories/ (recorded from real runs by `npm run
 * record-histories`, including ones from before later patched() changes) must replay against the
 * workflow code as it is now. A change that would break workflows already running in users'
 * installs fails here with a non-determinism error.
 */
describe('recorded lifecycle histories replay against the current workflow code', () => {
  it('replays every recorded history without a non-determinism error', async () => {
    const histories = await loadRecordedHistories();
    expect(histories.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') } }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });
});
