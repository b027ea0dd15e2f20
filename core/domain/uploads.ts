import type { AttachmentFileType } from '../../db/schema/index.js';

export const maxAttachmentBytes = 20 * 1024 * 1024;
export const maxAttachmentsPerMessage = 15;
/** How many leading bytes of each upload are kept while it streams to storage, for the signature check. */
export const uploadHeadBytes = 4096;

type Signature = { bytes: number[]; offset?: number };

const at = (bytes: Uint8Array, { bytes: expected, offset = 0 }: Signature) => expected.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string, offset = 0): Signature => ({ bytes: [...text].map((ch) => ch.charCodeAt(0)), offset });
const anyOf = (...signatures: Signature[][]) => (bytes: Uint8Array) => signatures.some((all) => all.every((signature) => at(bytes, signature)));

const zip = anyOf([{ bytes: [0x50, 0x4b, 0x03, 0x04] }], [{ bytes: [0x50, 0x4b, 0x05, 0x06] }]);
// Word 97-2003 and Excel 97-2003 files are OLE2 compound documents.
const ole2 = anyOf([{ bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }]);
const riff = (form: string) => anyOf([ascii('RIFF'), ascii(form, 8)]);

/**
 * Text has no signature: it must decode as UTF-8 and hold no control characters but tab, newlines
 * and form feed. Uploads stream to storage, so this sees the file's first `uploadHeadBytes`; when that
 * is not the whole file, a character cut at the end of the head is not an error.
 */
function isPlainText(bytes: Uint8Array, { complete }: { complete: boolean }): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

// MP3: an ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
const mp3 = (bytes: Uint8Array) => at(bytes, ascii('ID3')) || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0);

/**
 * Accepted types, each with the check its content must pass: the format's signature, or for text a
 * clean UTF-8 decode. The declared type alone is not trusted; SVG and HTML are refused (they can carry script).
 */
const acceptedTypes: Record<string, { fileType: AttachmentFileType; matches: (head: Uint8Array, file: { complete: boolean }) => boolean }> = {
  'image/png': { fileType: 'image', matches: anyOf([{ bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }]) },
  'image/jpeg': { fileType: 'image', matches: anyOf([{ bytes: [0xff, 0xd8, 0xff] }]) },
  'image/gif': { fileType: 'image', matches: anyOf([ascii('GIF87a')], [ascii('GIF89a')]) },
  'image/webp': { fileType: 'image', matches: riff('WEBP') },
  'application/pdf': { fileType: 'file', matches: anyOf([ascii('%PDF-')]) },
  'application/zip': { fileType: 'file', matches: zip },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { fileType: 'file', matches: zip },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { fileType: 'file', matches: zip },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { fileType: 'file', matches: zip },
  'application/msword': { fileType: 'file', matches: ole2 },
  'application/vnd.ms-excel': { fileType: 'file', matches: ole2 },
  'text/plain': { fileType: 'file', matches: isPlainText },
  'text/csv': { fileType: 'file', matches: isPlainText },
  'audio/mpeg': { fileType: 'audio', matches: mp3 },
  'audio/ogg': { fileType: 'audio', matches: anyOf([ascii('OggS')]) },
  'audio/wav': { fileType: 'audio', matches: riff('WAVE') },
  'video/mp4': { fileType: 'video', matches: anyOf([ascii('ftyp', 4)]) },
  'video/webm': { fileType: 'video', matches: anyOf([{ bytes: [0x1a, 0x45, 0xdf, 0xa3] }]) },
};

/** The declared types uploads may have, for documentation and tests. */
export const acceptedContentTypes = Object.keys(acceptedTypes);

export type UploadCheck = { ok: true; fileType: AttachmentFileType; contentType: string } | { ok: false; message: string };

/** `head` is the file's first bytes (up to uploadHeadBytes), `byteSize` its full length. */
export function checkUpload(file: { name: string; type: string; head: Uint8Array; byteSize: number }): UploadCheck {
  const contentType = file.type.split(';')[0].trim().toLowerCase();
  const accepted = acceptedTypes[contentType];
  if (!accepted) return { ok: false, message: `${file.name}: files of type ${contentType || 'unknown'} are not accepted` };
  if (file.byteSize === 0) return { ok: false, message: `${file.name}: the file is empty` };
  if (file.byteSize > maxAttachmentBytes) return { ok: false, message: `${file.name}: files are limited to ${maxAttachmentBytes / 1024 / 1024} MiB` };
  if (!accepted.matches(file.head, { complete: file.head.byteLength >= file.byteSize })) {
    return { ok: false, message: `${file.name}: the content is not a valid ${contentType} file` };
  }
  return { ok: true, fileType: accepted.fileType, contentType };
}

/** Types browsers and spreadsheets declare for a .csv file (Windows often says Excel). */
const csvDeclaredTypes = new Set(['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream', '']);

/** A contact import: a CSV file, judged by its content (clean UTF-8 text) whatever the browser declared. */
export function checkCsvUpload(file: { name: string; type: string; head: Uint8Array; byteSize: number }): UploadCheck {
  const contentType = file.type.split(';')[0].trim().toLowerCase();
  if (!csvDeclaredTypes.has(contentType) && !file.name.toLowerCase().endsWith('.csv')) return { ok: false, message: `${file.name}: upload a CSV file (this one is ${contentType})` };
  if (file.byteSize === 0) return { ok: false, message: `${file.name}: the file is empty` };
  if (file.byteSize > maxAttachmentBytes) return { ok: false, message: `${file.name}: files are limited to ${maxAttachmentBytes / 1024 / 1024} MiB` };
  if (!isPlainText(file.head, { complete: file.head.byteLength >= file.byteSize })) return { ok: false, message: `${file.name}: not a CSV file (it must be UTF-8 text)` };
  return { ok: true, fileType: 'file', contentType: 'text/csv' };
}

/** Keeps a file name displayable and safe in a Content-Disposition header. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}
