import { describe, expect, it } from 'vitest';
import { acceptedContentTypes, checkUpload, uploadHeadBytes } from './uploads.js';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

/** An upload as the streaming parser hands it over: its first bytes and its whole length. */
const upload = (name: string, type: string, content: Uint8Array, byteSize = content.byteLength) => ({ name, type, head: content.slice(0, uploadHeadBytes), byteSize });

// The first bytes of a real file of each accepted type.
const genuine: Record<string, Uint8Array> = {
  'image/png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'),
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF'),
  'image/gif': bytes('GIF89a', [1, 0, 1, 0]),
  'image/webp': bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 '),
  'application/pdf': bytes('%PDF-1.7\n'),
  'application/zip': bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': bytes([0x50, 0x4b, 0x03, 0x04, 20, 0], '[Content_Types].xml'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]),
  'application/msword': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  'application/vnd.ms-excel': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  'text/plain': new TextEncoder().encode('Order 4711 — delivered\r\nThanks!\tÀ bientôt\n'),
  'text/csv': new TextEncoder().encode('id,name\n1,Çelik\n'),
  'audio/mpeg': bytes('ID3', [4, 0, 0, 0, 0, 0, 0]),
  'audio/ogg': bytes('OggS', [0, 2]),
  'audio/wav': bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt '),
  'video/mp4': bytes([0, 0, 0, 0x20], 'ftypisom'),
  'video/webm': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]),
};

// What an attacker renames: a Windows executable and a page with script.
const impostors = { executable: bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]), html: bytes('<html><script>alert(1)</script></html>') };

describe('upload content checks', () => {
  it('has a genuine sample for every accepted type', () => {
    expect(Object.keys(genuine).sort()).toEqual([...acceptedContentTypes].sort());
  });

  it.each(acceptedContentTypes)('accepts a genuine %s file', (type) => {
    expect(checkUpload(upload('file', type, genuine[type]))).toMatchObject({ ok: true, contentType: type });
  });

  it.each(acceptedContentTypes)('refuses an executable declared as %s', (type) => {
    expect(checkUpload(upload('invoice', type, impostors.executable))).toMatchObject({ ok: false, message: expect.stringContaining('not a valid') });
  });

  it.each(acceptedContentTypes.filter((type) => !type.startsWith('text/')))('refuses HTML declared as %s', (type) => {
    expect(checkUpload(upload('page', type, impostors.html)).ok).toBe(false);
  });

  it('refuses text that is not UTF-8 or carries control bytes, and look-alike RIFF and MP3 files', () => {
    expect(checkUpload(upload('a.txt', 'text/plain', bytes([0xc3, 0x28]))).ok).toBe(false);
    expect(checkUpload(upload('a.csv', 'text/csv', bytes('a,b\n', [0], 'c'))).ok).toBe(false);
    expect(checkUpload(upload('a.wav', 'audio/wav', genuine['image/webp'])).ok).toBe(false);
    expect(checkUpload(upload('a.webp', 'image/webp', genuine['audio/wav'])).ok).toBe(false);
    expect(checkUpload(upload('a.mp3', 'audio/mpeg', bytes([0xff, 0x1b, 0, 0]))).ok).toBe(false);
    expect(checkUpload(upload('a.mp3', 'audio/mpeg', bytes([0xff, 0xfb, 0x90, 0x64]))).ok).toBe(true);
  });

  it('refuses SVG and HTML whatever their content', () => {
    expect(checkUpload(upload('x.svg', 'image/svg+xml', bytes('<svg/>'))).ok).toBe(false);
    expect(checkUpload(upload('x.html', 'text/html', impostors.html)).ok).toBe(false);
  });

  it('accepts long text whose first bytes end in the middle of a character, and refuses one whose whole content does', () => {
    const long = new TextEncoder().encode('é'.repeat(uploadHeadBytes));
    // The head is the first uploadHeadBytes bytes of a longer file: its last character may be cut.
    expect(checkUpload(upload('notes.txt', 'text/plain', long.slice(0, uploadHeadBytes + 1), long.byteLength)).ok).toBe(true);
    // A whole file that ends half-way through a character is not valid UTF-8.
    expect(checkUpload(upload('notes.txt', 'text/plain', long.slice(0, 2 * 100 + 1))).ok).toBe(false);
  });
});
