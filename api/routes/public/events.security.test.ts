import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../create-api.js';
import type { LiveStreamLimits } from '../../../core/events/live-stream.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { readEventStream, startVisitor, visitorClient } from '../../../tests/support/visitor.js';

function apiProcess(stack: TestStack, liveStreams: Partial<LiveStreamLimits>) {
  return { app: createApi({ ...stack.deps, config: { ...stack.deps.config, liveStreams } }) };
}

describe('a visitor’s event stream lasts only as long as the visitor does, and is capped', () => {
  let stack: TestStack;
  let account: TestAccount;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('closes with `revoked` when the contact is deleted, and sends nothing of what follows', async () => {
    const visitor = await startVisitor(stack, account, '10.13.0.1');
    const id = await visitor.startConversation();
    const stream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
    try {
      await stream.waitFor((e) => e.event === 'ready');
      expect((await apiClient(stack, account.admin.token).delete(`${base}/contacts/${visitor.contact.id}`)).status).toBe(200);
      expect((await stream.waitFor((e) => e.event === 'revoked')).data).toEqual({ reason: 'visitor_gone' });
      expect(id).toBeGreaterThan(0);
    } finally {
      await stream.close();
    }
  });

  it('closes when the inbox is deleted', async () => {
    const other = await createTestAccount(stack);
    const visitor = await startVisitor(stack, other, '10.13.0.2');
    const stream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
    try {
      await stream.waitFor((e) => e.event === 'ready');
      expect((await apiClient(stack, other.admin.token).delete(`/api/v1/accounts/${other.account.id}/inboxes/${other.inbox.id}`)).status).toBe(200);
      expect((await stream.waitFor((e) => e.event === 'revoked')).data).toEqual({ reason: 'visitor_gone' });
    } finally {
      await stream.close();
    }
  });

  it('caps the streams one visitor holds open; other visitors are not affected', async () => {
    const process = apiProcess(stack, { maxStreamsPerVisitor: 2 });
    const visitor = await startVisitor(stack, account, '10.13.0.3');
    const client = visitorClient(process, '10.13.0.3');
    const open = [readEventStream(await client.raw(`${visitor.contactPath}/events`)), readEventStream(await client.raw(`${visitor.contactPath}/events`))];
    try {
      await Promise.all(open.map((stream) => stream.waitFor((e) => e.event === 'ready')));
      const refused = await client.get(`${visitor.contactPath}/events`);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const neighbour = await startVisitor(stack, account, '10.13.0.4');
      const theirs = readEventStream(await visitorClient(process, '10.13.0.4').raw(`${neighbour.contactPath}/events`));
      open.push(theirs);
      await theirs.waitFor((e) => e.event === 'ready');
    } finally {
      await Promise.all(open.map((stream) => stream.close()));
    }
  });
});
