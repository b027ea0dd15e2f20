import { describe, expect } from 'vitest';
import { apiTest } from '../support/api-test.js';
import { apiClient, type TestStack } from '../support/stack.js';
import { addUserToAccount, createInboxRecord, issueAccessToken } from '../../core/services/accounts/bootstrap.js';
import { rolePermissions, type RolePermission } from '../../db/schema/index.js';
import { allowsRoute, conversationScopeOf, routeAccessLevels, type PermissionHolder, type RouteAccess } from '../../core/domain/permissions.js';
import { routeAccessExtension } from '../../api/route-access.js';

/**
 * The authorization matrix, generated from the served OpenAPI document: every operation × every kind
 * of caller, each expected status worked out from the operation's own `x-parley-access` declaration
 * (and, for one conversation, from the caller's conversation scope). A route added without a
 * declaration fails the first test by name.
 */

type Principal = {
  name: string;
  token?: string;
  /** What the declaration is judged against; undefined: no membership of the path's account. */
  holder?: PermissionHolder;
  /** Belongs to the inboxes the fixture conversation is in. */
  inInbox: boolean;
};

type Operation = { method: string; path: string; access: RouteAccess | undefined };

const spareId = 999_999;

// With a worker: conversation actions go through their workflows and answer at once.
const it = apiTest({ worker: true })
  .extend('operations', { scope: 'file' }, async ({ stack }) => {
    const doc = (await (await stack.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) operations.push({ method, path, access: operation[routeAccessExtension] as RouteAccess | undefined });
    }
    return operations;
  })
  .extend('fixtures', { scope: 'file' }, async ({ stack, account, otherAccount, base }) => {
    const admin = apiClient(stack, account.admin.token);
    const contact = (await admin.post(`${base}/contacts`, { name: 'Matrix contact', email: 'matrix@example.test' })).body.payload.contact;
    const spareContact = (await admin.post(`${base}/contacts`, { name: 'Spare', email: 'spare@example.test' })).body.payload.contact;
    // Unassigned: the unassigned-and-own scope sees it, the own-and-participating scope does not.
    const conversation = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body;
    const label = (await admin.post(`${base}/labels`, { title: 'matrix' })).body;
    const spareLabel = (await admin.post(`${base}/labels`, { title: 'spare' })).body;
    const spareRole = (await admin.post(`${base}/custom_roles`, { name: 'Spare', permissions: [] })).body;
    const spareInbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'Spare', channelType: 'api' });
    const spareAgent = await addUserToAccount(stack.db, { accountId: account.account.id, name: 'Spare Agent', email: `spare-${account.account.id}@example.test`, password: account.password, role: 'agent' });

    const principals: Principal[] = [
      { name: 'no token', inInbox: false },
      { name: 'other account’s administrator', token: otherAccount.admin.token, inInbox: false },
      { name: 'agent outside the inbox', token: account.outsider.token, holder: { role: 'agent' }, inInbox: false },
      { name: 'built-in agent', token: account.agent.token, holder: { role: 'agent' }, inInbox: true },
    ];
    for (const permission of rolePermissions) {
      const role = (await admin.post(`${base}/custom_roles`, { name: `Only ${permission}`, permissions: [permission] })).body;
      const user = await addUserToAccount(stack.db, { accountId: account.account.id, name: `Holder ${permission}`, email: `${permission}-${account.account.id}@example.test`, password: account.password, role: 'agent' });
      expect((await admin.patch(`${base}/agents/${user.id}`, { custom_role_id: role.id })).status).toBe(200);
      expect((await admin.post(`${base}/inbox_members`, { inbox_id: account.apiInbox.id, user_ids: [user.id] })).status).toBe(200);
      principals.push({ name: `custom role ${permission}`, token: await issueAccessToken(stack.db, user.id), holder: { role: 'agent', customRole: { permissions: [permission as RolePermission] } }, inInbox: true });
    }
    // The administrator last: its writes (a toggled status, a deleted spare) come after everyone else's tries.
    principals.push({ name: 'administrator', token: account.admin.token, holder: { role: 'administrator' }, inInbox: true });

    const ids = { conversation: conversation.id as number, contact: contact.id as number, label: label.id as number, inbox: account.apiInbox.id, agent: spareAgent.id };
    const spares = { contact: spareContact.id as number, label: spareLabel.id as number, inbox: spareInbox.id, role: spareRole.id as number, agent: spareAgent.id };
    return { principals, ids, spares };
  });

type Fixtures = { ids: Record<string, number>; spares: Record<string, number> };

/** A real row for each path parameter where one matters; deletes get spares, so the rows others need stay. */
function concretePath(operation: Operation, accountId: number, { ids, spares }: Fixtures): string {
  const rows = operation.method === 'delete' ? { ...ids, ...spares } : ids;
  const resource = operation.path.split('/')[5];
  return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'account_id') return String(accountId);
    if (name === 'conversation_id') return String(ids.conversation);
    if (name === 'inbox_id') return String(ids.inbox);
    if (name === 'id') {
      const byResource: Record<string, number | undefined> = { contacts: rows.contact, labels: rows.label, inboxes: rows.inbox, agents: rows.agent, custom_roles: spares.role };
      return String(byResource[resource] ?? spareId);
    }
    if (name === 'file_name') return 'file.txt';
    return String(spareId);
  });
}

type Expectation = { describe: string; holds: (status: number, message: string) => boolean };

const is = (expected: number): Expectation => ({ describe: String(expected), holds: (status) => status === expected });
const passesTheGate: Expectation = {
  describe: 'allowed (not 401/403/5xx, not the account or the conversation hidden)',
  holds: (status, message) => status !== 401 && status !== 403 && status < 500 && !(status === 404 && /^(Account|Conversation) not found/.test(message)),
};
const hiddenRow = (method: string): Expectation =>
  method === 'get'
    ? is(404)
    : { describe: 'refused, not as forbidden (404 for the hidden conversation, or 422 before it is looked up)', holds: (status) => status === 404 || status === 422 };

/** What the declaration (and, for the fixture conversation, the scope rule) says this caller gets. */
function expectationFor(operation: Operation, principal: Principal): Expectation {
  const access = operation.access!;
  if (!principal.token) return is(401);
  if (access === 'signed_in') return passesTheGate;
  if (!principal.holder) return is(404);
  if (!allowsRoute(principal.holder, access)) return is(403);
  if (operation.path.includes('{conversation_id}')) {
    const scope = conversationScopeOf(principal.holder);
    const sees = principal.holder.role === 'administrator' || (principal.inInbox && (scope === 'all' || scope === 'unassigned_and_own'));
    if (!sees) return hiddenRow(operation.method);
  }
  return passesTheGate;
}

async function call(stack: TestStack, method: string, path: string, token: string | undefined) {
  const headers: Record<string, string> = token ? { api_access_token: token } : {};
  const init: RequestInit = { method: method.toUpperCase(), headers };
  if (method !== 'get' && method !== 'delete') {
    init.body = '{}';
    headers['content-type'] = 'application/json';
  }
  const response = await stack.app.request(path, init);
  // The event stream never ends by itself: its status and headers are the answer.
  if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, message: '' };
  }
  const text = await response.text();
  let message = '';
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
  } catch {
    // Downloads and streams are not JSON.
  }
  return { status: response.status, message };
}

describe('authorization matrix (every served route × every kind of caller)', () => {
  it('every operation of the served document declares its access', async ({ operations }) => {
    const undeclared = operations.filter((o) => !o.access || !(routeAccessLevels as readonly string[]).includes(o.access)).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(undeclared, 'add `...requires(…)` to these createRoute configs').toEqual([]);
    expect(operations.length).toBeGreaterThan(100);
  });

  it('each caller gets what the route’s declaration says', { timeout: 240_000 }, async ({ stack, account, operations, fixtures }) => {
    const ordered = [...operations.filter((o) => o.method !== 'delete'), ...operations.filter((o) => o.method === 'delete')];
    const failures: string[] = [];
    let checked = 0;
    for (const operation of ordered) {
      // Public routes authenticate by their own means (inbox identifiers, guest sessions, unguessable keys).
      if (!operation.access || operation.access === 'public') continue;
      const path = concretePath(operation, account.account.id, fixtures);
      for (const principal of fixtures.principals) {
        const expectation = expectationFor(operation, principal);
        const { status, message } = await call(stack, operation.method, path, principal.token);
        checked++;
        if (!expectation.holds(status, message)) {
          failures.push(`${operation.method.toUpperCase()} ${operation.path} [${operation.access}] as ${principal.name}: expected ${expectation.describe}, got ${status} ${message}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});
