import { expect } from 'vitest';
import { apiClient, type RequestTarget, type TestAccount } from './stack.js';

/** A visitor driving the public API from one address (each test file picks its own, so rate limits never collide). */
export const visitorClient = (stack: RequestTarget, address: string) => apiClient(stack, undefined, { 'x-forwarded-for': address });

export type Visitor = Awaited<ReturnType<typeof startVisitor>>;

/** A visitor with a contact and (optionally) a conversation, as the widget creates them. */
export async function startVisitor(stack: RequestTarget, account: TestAccount, address: string, contact: Record<string, unknown> = {}) {
  const client = visitorClient(stack, address);
  const inboxPath = `/public/api/v1/inboxes/${account.inbox.identifier}`;
  const created = await client.post(`${inboxPath}/contacts`, contact);
  expect(created.status).toBe(200);
  const contactPath = `${inboxPath}/contacts/${created.body.source_id}`;
  return {
    client,
    inboxPath,
    contactPath,
    contact: created.body as { id: number; source_id: string; name: string; email: string | null },
    async startConversation() {
      const conversation = await client.post(`${contactPath}/conversations`, {});
      expect(conversation.status).toBe(200);
      return conversation.body.id as number;
    },
  };
}

/** Reads a Server-Sent Events response and hands out parsed events as they arrive. */
export function readEventStream(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: Array<{ event: string; data: any }> = [];
  let buffer = '';
  let raw = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      raw += value;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
        const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
        if (data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return {
    events,
    raw: () => raw,
    async waitFor(predicate: (e: { event: string; data: any }) => boolean, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = events.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
    },
    async close() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}

export async function poll<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!until(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
