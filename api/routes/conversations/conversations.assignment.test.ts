import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { addUserToAccount } from '../../../core/services/accounts/bootstrap.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../../db/queries/conversations.js';
import { apiTest } from '../../../tests/support/api-test.js';
import type { apiClient, TestAccount, TestStack } from '../../../tests/support/stack.js';

type ApiClient = ReturnType<typeof apiClient>;

const it = apiTest({ worker: false })
  .extend('contactId', { scope: 'file' }, async ({ stack, account }) =>
    (await insertContact(stack.db, { accountId: account.account.id, name: 'Rita Racer', email: 'rita@example.test' })).id,
  )
  .extend('openConversation', async ({ client, base, contactId }) => async (inboxId: number) => {
    const created = await client.post(`${base}/conversations`, { inbox_id: inboxId, contact_id: contactId });
    expect(created.status).toBe(200);
    return created.body.id as number;
  })
  .extend('newMember', async ({ stack, account }) => async (role: 'administrator' | 'agent') =>
    addUserToAccount(stack.db, { accountId: account.account.id, name: `Racing ${role}`, email: `racer-${randomUUID().slice(0, 8)}@example.test`, password: 'correct horse battery staple', role }),
  );

/** Polls Postgres (no fixed sleep) until `done` holds; fails after a generous bound instead of hanging. */
async function waitUntil(done: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The backend waiting on a lock `pid` holds, if any. */
async function backendBlockedBy(stack: TestStack, pid: number): Promise<number | undefined> {
  const rows = await stack.sql<{ pid: number }[]>`select pid from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))`;
  return rows[0]?.pid;
}

/**
 * Runs `assign` and then `revoke` (a demotion or a removal) against one conversation while the test
 * holds its row: the assignment has made its checks and waits to write when the revocation starts,
 * the widest window the race has. Before assignment checked under locks the revocation committed in
 * that window, found nothing to unassign, and the assignment then wrote an assignee who cannot see
 * the conversation; now the revocation waits for the assignment (and unassigns) or the assignment is
 * refused.
 */
async function raceAssignmentAgainst(
  stack: TestStack,
  conversationId: number,
  assign: () => Promise<{ status: number }>,
  revoke: () => Promise<{ status: number }>,
) {
  const holder = await stack.sql.reserve();
  try {
    await holder`begin`;
    await holder`select id from conversations where id = ${conversationId} for update`;
    const [{ pid: holderPid }] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const assignment = assign();
    let assignmentPid: number | undefined;
    await waitUntil(async () => (assignmentPid = await backendBlockedBy(stack, holderPid)) !== undefined, 'the assignment waits on the held conversation');
    let revoked = false;
    const revocation = revoke().finally(() => (revoked = true));
    await waitUntil(async () => revoked || (await backendBlockedBy(stack, assignmentPid!)) !== undefined, 'the revocation has committed or waits on the assignment');
    await holder`rollback`;
    return { assignment: await assignment, revocation: await revocation };
  } finally {
    holder.release();
  }
}

describe('assignment racing the loss of access', () => {
  /** Races an assignment to `assigneeId` against `revoke` on a fresh conversation of the API inbox; the assignee must not survive it. */
  async function expectAssignmentNeverSurvives(
    { stack, account, client, base, openConversation }: { stack: TestStack; account: TestAccount; client: ApiClient; base: string; openConversation: (inboxId: number) => Promise<number> },
    assigneeId: number,
    revoke: () => Promise<{ status: number }>,
  ) {
    const displayId = await openConversation(account.apiInbox.id);
    const stored = () => findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId });
    const { assignment, revocation } = await raceAssignmentAgainst(
      stack,
      (await stored())!.id,
      () => client.post(`${base}/conversations/${displayId}/assignments`, { assignee_id: assigneeId }),
      revoke,
    );
    expect(revocation.status).toBe(200);
    expect([200, 422]).toContain(assignment.status);
    expect((await client.get(`${base}/conversations/${displayId}`)).body.meta.assignee).toBeNull();
    expect((await stored())!.assigneeId).toBeNull();
  }

  it('an administrator demoted while being assigned a conversation of an inbox they are not in never keeps it', async ({ stack, account, client, base, openConversation, newMember }) => {
    const demoted = await newMember('administrator');
    await expectAssignmentNeverSurvives({ stack, account, client, base, openConversation }, demoted.id, () => client.patch(`${base}/agents/${demoted.id}`, { role: 'agent' }));
  });

  it('an agent taken out of the inbox while being assigned one of its conversations never keeps it', async ({ stack, account, client, base, openConversation, newMember }) => {
    const removed = await newMember('agent');
    const membership = { inbox_id: account.apiInbox.id, user_ids: [removed.id] };
    expect((await client.post(`${base}/inbox_members`, membership)).status).toBe(200);
    await expectAssignmentNeverSurvives({ stack, account, client, base, openConversation }, removed.id, () => client.delete(`${base}/inbox_members`, membership));
  });
});

describe('the account’s name for its agents', () => {
  it('shows the name administrators gave an agent in conversation JSON, list cards, message lists and activity messages', async ({ account, client, base, openConversation, newMember }) => {
    const renamed = await newMember('agent');
    expect((await client.post(`${base}/inbox_members`, { inbox_id: account.apiInbox.id, user_ids: [renamed.id] })).status).toBe(200);
    expect((await client.patch(`${base}/agents/${renamed.id}`, { name: 'Rosa from Support' })).status).toBe(200);
    expect((await client.patch(`${base}/agents/${account.admin.id}`, { name: 'Ada the Lead' })).status).toBe(200);
    const displayId = await openConversation(account.apiInbox.id);
    const accountName = { id: renamed.id, name: 'Rosa from Support', display_name: 'Rosa from Support' };

    const assigned = await client.post(`${base}/conversations/${displayId}/assignments`, { assignee_id: renamed.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject(accountName);
    expect((await client.get(`${base}/conversations/${displayId}`)).body.meta.assignee).toMatchObject(accountName);
    const card = (await client.get(`${base}/conversations?assignee_type=all&status=all`)).body.data.payload.find((c: { id: number }) => c.id === displayId);
    expect(card.meta.assignee).toMatchObject(accountName);
    const messageList = await client.get(`${base}/conversations/${displayId}/messages`);
    expect(messageList.body.meta.assignee).toMatchObject(accountName);
    const activity = messageList.body.payload.filter((m: { message_type: number }) => m.message_type === 2).map((m: { content: string }) => m.content);
    expect(activity).toContain('Assigned to Rosa from Support by Ada the Lead');
  });
});
