import http from 'node:http';
import https from 'node:https';
import { literalAddressRefusal, safeLookup, UnsafeAddressError, type UrlPolicy } from './url-safety.js';

export type SendResult = { statusCode: number | null; latencyMs: number; responseExcerpt: string; retryAfterMs?: number; error?: string };

const excerptLength = 1000;

/**
 * POSTs a body once: no redirects followed (a 3xx is a failure), connects only to addresses the
 * policy allows (checked on the resolved address), answers within `timeoutMs` or counts as failed.
 * Never throws: what went wrong is in the result.
 */
export async function postOnce(input: { url: string; headers: Record<string, string>; body: string; timeoutMs: number; policy: UrlPolicy }): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const refusal = literalAddressRefusal(input.url, input.policy);
  if (refusal) return { statusCode: null, latencyMs: 0, responseExcerpt: '', error: refusal };
  const url = new URL(input.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const settle = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
        lookup: safeLookup(input.policy),
        agent: false,
      },
      (response) => {
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (excerpt.length < excerptLength) excerpt += chunk.slice(0, excerptLength - excerpt.length);
        });
        const done = () =>
          settle({
            statusCode: response.statusCode ?? null,
            latencyMs: elapsed(),
            responseExcerpt: excerpt,
            retryAfterMs: parseRetryAfter(response.headers['retry-after']),
          });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      settle({ statusCode: null, latencyMs: elapsed(), responseExcerpt: '', error: `no answer within ${input.timeoutMs} ms` });
    }, input.timeoutMs);
    request.on('error', (error) =>
      settle({ statusCode: null, latencyMs: elapsed(), responseExcerpt: '', error: error instanceof UnsafeAddressError ? error.message : `${(error as NodeJS.ErrnoException).code ?? 'error'}: ${error.message}` }),
    );
    request.end(input.body);
  });
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
