// Forwards the console's same-origin API calls to the Hono API, streaming bodies both ways.

/** Paths the browser calls on the console's origin that belong to the API. */
export const apiPathPrefixes = ['/api', '/auth', '/public'] as const;

export function isApiPath(pathname: string): boolean {
  return apiPathPrefixes.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

// Hop-by-hop headers describe one connection, not the message; they must not be forwarded (RFC 9110 §7.6.1).
const hopByHopHeaders = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host'];

export interface ProxyInput {
  request: Request;
  url: URL;
  clientAddress: string;
  apiUrl: string;
  fetchImplementation?: typeof fetch;
}

export function buildUpstreamHeaders(request: Request, url: URL, clientAddress: string): Headers {
  const headers = new Headers(request.headers);
  for (const name of hopByHopHeaders) headers.delete(name);
  // Node's fetch would decompress the answer but keep content-encoding, so ask the API for identity.
  headers.delete('accept-encoding');
  // Replaced, not appended: a client could otherwise forge its address to dodge the API's rate limits.
  // Behind another proxy, set adapter-node's ADDRESS_HEADER / XFF_DEPTH so clientAddress is the real one.
  headers.set('x-forwarded-for', clientAddress);
  headers.set('x-forwarded-host', url.host);
  headers.set('x-forwarded-proto', url.protocol.replace(':', ''));
  return headers;
}

export function buildDownstreamHeaders(upstream: Headers): Headers {
  const headers = new Headers();
  upstream.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (hopByHopHeaders.includes(lower) || lower === 'content-encoding' || lower === 'content-length' || lower === 'set-cookie') return;
    headers.append(name, value);
  });
  // Each Set-Cookie must stay a separate header: joining them with commas breaks cookie dates.
  for (const cookie of upstream.getSetCookie()) headers.append('set-cookie', cookie);
  return headers;
}

export async function proxyToApi({ request, url, clientAddress, apiUrl, fetchImplementation = fetch }: ProxyInput): Promise<Response> {
  const target = new URL(url.pathname + url.search, apiUrl);
  const method = request.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers: buildUpstreamHeaders(request, url, clientAddress),
    body: hasBody ? request.body : undefined,
    redirect: 'manual',
    signal: request.signal,
  };
  // Streaming a request body needs half-duplex mode in Node's fetch.
  if (hasBody && request.body) init.duplex = 'half';

  let upstream: Response;
  try {
    upstream = await fetchImplementation(target, init);
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') return new Response(null, { status: 499 });
    console.error(`[web] API unreachable at ${apiUrl}:`, (error as Error)?.message);
    return Response.json(
      { error: { code: 'UNAVAILABLE', message: 'The Parley API is not reachable right now; try again shortly' } },
      { status: 502 },
    );
  }

  const headers = buildDownstreamHeaders(upstream.headers);
  if ((headers.get('content-type') ?? '').includes('text/event-stream')) {
    // Keep intermediaries (nginx) from buffering the live stream.
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  // The body is passed on as a stream, so Server-Sent Events reach the browser as they are written.
  const nullBody = method === 'HEAD' || upstream.status === 204 || upstream.status === 304;
  return new Response(nullBody ? null : upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
}
