import { z } from '@hono/zod-openapi';

/**
 * Whether a URL is safe to store and later open or call: absolute http(s) only (no `javascript:`,
 * `data:`, `file:`), and no credentials in it (`https://user:pass@host` leaks secrets into logs and pages).
 */
export function isSafeHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

/** A zod string accepting only safe http(s) URLs (see isSafeHttpUrl). */
export const httpUrlSchema = () =>
  z
    .string()
    .trim()
    .max(2048)
    .refine(isSafeHttpUrl, { message: 'Must be an http(s) URL without credentials' })
    .openapi({ format: 'uri', example: 'https://www.example.com' });

export const hexColorSchema = () =>
  z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Must be a colour like #1f93ff')
    .toLowerCase()
    .openapi({ example: '#1f93ff' });
