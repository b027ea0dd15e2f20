import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { LocalBlobStore } from '../../core/storage/local.js';
import { contactImportWorkflowId } from '../../workflows/contact-import/definitions.js';
import { workerProcesses } from '../support/worker-process.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';
import { holdRealWorkerLock, realWorkerLockTimeoutMs } from '../support/real-worker-lock.js';
import { backendsWaitingBehind, waitUntil } from '../support/wait.js';

/**
 * The real worker process (activities/worker.ts), killed with SIGKILL while a batch of a contact
 * import is inside its transaction, then started again. The batch is held mid-transaction by a row
 * lock this test takes on a contact one of its rows updates.
 */
describe('the worker is killed in the middle of a contact import', () => {
  beforeAll(() => holdRealWorkerLock(), realWorkerLockTimeoutMs);
  let stack: TestStack;
  let account: TestAccount;
  const workers = workerProcesses(() => stack);

  beforeAll(async () => {
    // The worker process reads uploads from the run's storage folder itself.
    stack = await startTestStack({ worker: false, storage: new LocalBlobStore(inject('storageDir')) });
    account = await createTestAccount(stack);
  });
  afterAll(async () => {
    workers.killAll();
    await stack?.close();
  });

  it('the restarted worker completes the import, and no contact is created twice', { timeout: 240_000 }, async () => {
    const agent = apiClient(stack, account.agent.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const rows = 2000;
    // Row 1301 of the file (data row 1300, in the third batch of 500) updates this contact.
    const held = await insertContact(stack.db, { accountId: account.account.id, name: 'Held Hal', email: 'person-1300@crash.test' });
    const lines = ['name,email,phone_number'];
    for (let n = 1; n <= rows; n++) lines.push(`Person ${n},person-${n}@crash.test,+55119${String(n).padStart(8, '0')}`);
    const form = new FormData();
    form.append('import_file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'crash.csv');

    const holder = await stack.sql.reserve();
    let importId: number;
    try {
      await holder`begin`;
      await holder`select id from contacts where id = ${held.id} for update`;
      const [{ pid: holderPid }] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const first = await workers.start();
      const started = await agent.post(`${base}/contacts/import`, form);
      expect(started.status).toBe(200);
      importId = started.body.payload.id;

      await waitUntil(async () => (await backendsWaitingBehind(stack.sql, holderPid)) > 0, "the third batch's transaction to wait on the test's row lock", 60_000);
      // Two batches committed; the third is mid-transaction.
      expect((await agent.get(`${base}/contacts/imports/${importId}`)).body.payload).toMatchObject({ status: 'processing', total_rows: rows, processed_rows: 1000 });
      await workers.kill(first);
      await workers.start();
      await holder`rollback`;
    } finally {
      holder.release();
    }

    await expect
      .poll(async () => (await agent.get(`${base}/contacts/imports/${importId}`)).body.payload.status, { timeout: 120_000, interval: 250 })
      .toBe('completed');
    expect((await agent.get(`${base}/contacts/imports/${importId}`)).body.payload).toMatchObject({ processed_rows: rows, created_count: rows - 1, updated_count: 1, failed_count: 0 });
    const [{ contacts, distinctEmails }] = await stack.sql<{ contacts: number; distinctEmails: number }[]>`
      select count(*)::int as contacts, count(distinct email)::int as "distinctEmails" from contacts where account_id = ${account.account.id}`;
    expect({ contacts, distinctEmails }).toEqual({ contacts: rows, distinctEmails: rows });
    const renamed = await stack.sql<{ name: string }[]>`select name from contacts where id = ${held.id}`;
    expect(renamed[0].name).toBe('Person 1300');

    // The batch that died never committed; its retry (on the new worker) is what wrote it.
    const history = await stack.temporal.workflow.getHandle(contactImportWorkflowId(importId)).fetchHistory();
    const attempts = history.events!.flatMap((event) => (event.activityTaskStartedEventAttributes ? [Number(event.activityTaskStartedEventAttributes.attempt)] : []));
    expect(Math.max(...attempts)).toBeGreaterThanOrEqual(2);
  });
});
