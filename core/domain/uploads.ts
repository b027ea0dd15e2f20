import type { AttachmentFileType } from '../../db/schema/index.js';

export const maxAttachmentBytes = 20 * 1024 * 1024;
export const maxAttachmentsPerMessage = 15;
/** How many leading bytes of each upload are kept while it streams to storage, for the signature check. */
export const uploadHeadBytes = 4096;

/**
 * Accepted types, each with the leading bytes its files must start with when the format has a
 * signature. The declared type alone is not trusted; SVG and HTML are refused (they can carry script).
 */
const acceptedTypes: Record<string, { fileType: AttachmentFileType; signatures?: number[][] }> = {
  'image/png': { fileType: 'image', signatures: [[0x89, 0x50, 0x4e, 0x47]] },
  'image/jpeg': { fileType: 'image', signatures: [[0xff, 0xd8, 0xff]] },
  'image/gif': { fileType: 'image', signatures: [[0x47, 0x49, 0x46, 0x38]] },
  'image/webp': { fileType: 'image', signatures: [[0x52, 0x49, 0x46, 0x46]] },
  'application/pdf': { fileType: 'file', signatures: [[0x25, 0x50, 0x44, 0x46]] },
  'application/zip': { fileType: 'file', signatures: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { fileType: 'file', signatures: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { fileType: 'file', signatures: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { fileType: 'file', signatures: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/msword': { fileType: 'file' },
  'application/vnd.ms-excel': { fileType: 'file' },
  'text/plain': { fileType: 'file' },
  'text/csv': { fileType: 'file' },
  'audio/mpeg': { fileType: 'audio' },
  'audio/ogg': { fileType: 'audio', signatures: [[0x4f, 0x67, 0x67, 0x53]] },
  'audio/wav': { fileType: 'audio', signatures: [[0x52, 0x49, 0x46, 0x46]] },
  'video/mp4': { fileType: 'video' },
  'video/webm': { fileType: 'video', signatures: [[0x1a, 0x45, 0xdf, 0xa3]] },
};

export type UploadCheck = { ok: true; fileType: AttachmentFileType; contentType: string } | { ok: false; message: string };

/** `head` is the file's first bytes (up to uploadHeadBytes), `byteSize` its full length. */
export function checkUpload(file: { name: string; type: string; head: Uint8Array; byteSize: number }): UploadCheck {
  const contentType = file.type.split(';')[0].trim().toLowerCase();
  const accepted = acceptedTypes[contentType];
  if (!accepted) return { ok: false, message: `${file.name}: files of type ${contentType || 'unknown'} are not accepted` };
  if (file.byteSize === 0) return { ok: false, message: `${file.name}: the file is empty` };
  if (file.byteSize > maxAttachmentBytes) return { ok: false, message: `${file.name}: files are limited to ${maxAttachmentBytes / 1024 / 1024} MiB` };
  if (accepted.signatures && !accepted.signatures.some((signature) => signature.every((byte, i) => file.head[i] === byte))) {
    return { ok: false, message: `${file.name}: the content is not a valid ${contentType} file` };
  }
  return { ok: true, fileType: accepted.fileType, contentType };
}

/** Keeps a file name displayable and safe in a Content-Disposition header. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'file';
}
