import { randomUUID } from 'node:crypto';
import type { RequestTarget, TestStack } from './stack.js';

export type StreamedPart =
  | { name: string; value: string }
  | { name: string; fileName: string; type: string; chunks: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

/** The first bytes of a PNG: enough for the signature check. */
export const pngSignature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG-looking file of `size` bytes, produced 1 MiB at a time so a test never holds it whole either. */
export function* pngOfSize(size: number, fill = 7): Generator<Uint8Array> {
  yield pngSignature;
  let left = size - pngSignature.length;
  while (left > 0) {
    const chunk = new Uint8Array(Math.min(left, 1024 * 1024)).fill(fill);
    left -= chunk.length;
    yield chunk;
  }
}

/**
 * A multipart body as a stream with no Content-Length (chunked, like a browser or proxy may send
 * it), so the API cannot learn its size up front and must count while reading.
 */
export function multipartStream(parts: StreamedPart[]): { body: ReadableStream<Uint8Array>; contentType: string } {
  const boundary = `----parley-test-${randomUUID()}`;
  const encoder = new TextEncoder();
  async function* generate() {
    for (const part of parts) {
      if ('value' in part) {
        yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`);
      } else {
        yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\nContent-Type: ${part.type}\r\n\r\n`);
        for await (const chunk of part.chunks()) yield chunk;
        yield encoder.encode('\r\n');
      }
    }
    yield encoder.encode(`--${boundary}--\r\n`);
  }
  const iterator = generate();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs a streamed multipart body through the app; answers status and parsed JSON. */
export async function postStreamed(stack: RequestTarget, path: string, parts: StreamedPart[], headers: Record<string, string> = {}) {
  const { body, contentType } = multipartStream(parts);
  const response = await stack.app.request(path, { method: 'POST', body, headers: { ...headers, 'content-type': contentType }, duplex: 'half' } as RequestInit);
  const text = await response.text();
  let json: any = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: response.status, body: json, headers: response.headers };
}

/** Keys of the complete objects in a local store (what downloads could reach), and the files still being written. */
export async function localStoreContents(root: string): Promise<{ objects: string[]; incoming: string[] }> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.length + 1));
  return { objects: files.filter((file) => !file.startsWith('.incoming/')).sort(), incoming: files.filter((file) => file.startsWith('.incoming/')) };
}

/**
 * The stack's app served by @hono/node-server on a loopback port, as production serves it, with an
 * `app.request` that goes over real HTTP (so postStreamed can send through a socket).
 */
export async function serveOverHttp(stack: Pick<TestStack, 'app'>) {
  const { serve } = await import('@hono/node-server');
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = serve({ fetch: stack.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as import('node:http').Server));
  });
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    client: { app: { request: (requestPath: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${requestPath}`, init) } } satisfies RequestTarget,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
