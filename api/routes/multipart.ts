import type { HonoRequest } from 'hono';
import { invalid } from '../../core/errors.js';

/** Reads a multipart body (through Hono's body cache, as a validator may have read it already): plain fields as strings, and the files under `fileField` or `fileField[]`. */
export async function readFiles(request: HonoRequest, fileField: string) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw invalid(fileField, 'The multipart body could not be read');
  }
  const fields: Record<string, string> = {};
  const files: Array<{ name: string; type: string; bytes: Uint8Array }> = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') fields[key] = value;
    else if (key === fileField || key === `${fileField}[]`) files.push({ name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { fields, files };
}
