import { describe, expect, it } from 'vitest';
import { isApiPath, proxyToApi } from './api-proxy';

function recordingFetch(response: Response) {
  const calls: { url: string; init: RequestInit & { duplex?: string } }[] = [];
  const fetchImplementation = (async (url: URL | string, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return response;
  }) as typeof fetch;
  return { calls, fetchImplementation };
}

describe('isApiPath', () => {
  it('claims the API prefixes and nothing that merely starts with the same letters', () => {
    expect(isApiPath('/api/v1/profile')).toBe(true);
    expect(isApiPath('/auth/sign_in')).toBe(true);
    expect(isApiPath('/public/api/v1/inboxes/x')).toBe(true);
    expect(isApiPath('/api')).toBe(true);
    expect(isApiPath('/app/accounts/1/conversations')).toBe(false);
    expect(isApiPath('/apiary')).toBe(false);
    expect(isApiPath('/login')).toBe(false);
  });
});

describe('proxyToApi', () => {
  it('forwards method, path, query, body and cookies, and sets the client address', async () => {
    const { calls, fetchImplementation } = recordingFetch(Response.json({ ok: true }));
    const request = new Request('http://console.test/api/v1/accounts/1/conversations/2/messages?x=1', {
      method: 'POST',
      headers: {
        cookie: 'parley_session=abc',
        'content-type': 'application/json',
        'x-requested-with': 'parley-console',
        'x-forwarded-for': '6.6.6.6',
        'accept-encoding': 'gzip',
        connection: 'keep-alive',
      },
      body: JSON.stringify({ content: 'hi' }),
    });
    const response = await proxyToApi({ request, url: new URL(request.url), clientAddress: '203.0.113.9', apiUrl: 'http://127.0.0.1:3001', fetchImplementation });
    expect(response.status).toBe(200);
    const [call] = calls;
    expect(call.url).toBe('http://127.0.0.1:3001/api/v1/accounts/1/conversations/2/messages?x=1');
    expect(call.init.method).toBe('POST');
    expect(call.init.duplex).toBe('half');
    expect(call.init.redirect).toBe('manual');
    const headers = call.init.headers as Headers;
    expect(headers.get('cookie')).toBe('parley_session=abc');
    expect(headers.get('x-requested-with')).toBe('parley-console');
    // The client's own claim is replaced, so it cannot dodge per-address rate limits.
    expect(headers.get('x-forwarded-for')).toBe('203.0.113.9');
    expect(headers.get('x-forwarded-host')).toBe('console.test');
    expect(headers.get('accept-encoding')).toBeNull();
    expect(headers.get('connection')).toBeNull();
    expect(await new Response(call.init.body as ReadableStream).text()).toBe('{"content":"hi"}');
  });

  it('keeps several Set-Cookie headers apart and passes error statuses through', async () => {
    const upstream = new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'no' } }), { status: 401, headers: { 'content-type': 'application/json' } });
    upstream.headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
    upstream.headers.append('set-cookie', 'b=2; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT');
    const { fetchImplementation } = recordingFetch(upstream);
    const request = new Request('http://console.test/auth/sign_in', { method: 'GET' });
    const response = await proxyToApi({ request, url: new URL(request.url), clientAddress: '::1', apiUrl: 'http://api.test', fetchImplementation });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT']);
    expect(await response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'no' } });
  });

  it('streams an event stream as it is written instead of buffering it', async () => {
    const encoder = new TextEncoder();
    let push: ((text: string) => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(encoder.encode(text));
      },
    });
    const { fetchImplementation } = recordingFetch(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    const request = new Request('http://console.test/api/v1/accounts/1/events');
    const response = await proxyToApi({ request, url: new URL(request.url), clientAddress: '127.0.0.1', apiUrl: 'http://api.test', fetchImplementation });
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const reader = response.body!.getReader();
    push!('event: message.created\ndata: {}\n\n');
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('event: message.created\ndata: {}\n\n');
    await reader.cancel();
  });

  it('answers 502 with the standard error body when the API is down', async () => {
    const fetchImplementation = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const request = new Request('http://console.test/api/v1/profile');
    const response = await proxyToApi({ request, url: new URL(request.url), clientAddress: '127.0.0.1', apiUrl: 'http://127.0.0.1:9', fetchImplementation });
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe('UNAVAILABLE');
  });
});
