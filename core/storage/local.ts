import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, BlobNotFoundError, type BlobStore, type ByteRange } from './blob-store.js';

/**
 * Objects as files under one folder. A body is written to `.incoming/<random>` and renamed into
 * place only once complete (rename is atomic on one file system), so a crash or a refused upload
 * leaves at most a stray file in `.incoming/`, never a truncated object under a real key.
 */
export class LocalBlobStore implements BlobStore {
  readonly driver = 'local' as const;
  private readonly incoming: string;

  constructor(readonly root: string) {
    this.incoming = path.join(root, '.incoming');
  }

  private pathOf(key: string): string {
    assertSafeKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(this.incoming, { recursive: true });
    const temporary = path.join(this.incoming, randomUUID());
    try {
      await pipeline(body, createWriteStream(temporary, { flags: 'wx' }));
      await mkdir(path.dirname(target), { recursive: true });
      await rename(temporary, target);
    } catch (error) {
      body.destroy();
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch {
      throw new BlobNotFoundError(key);
    }
    return createReadStream(file, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const folder = this.pathOf(prefix.replace(/\/+$/, ''));
    const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const modified = await stat(file).then((s) => s.mtime, () => undefined);
      if (modified) yield { key: path.relative(this.root, file).split(path.sep).join('/'), modifiedAt: modified };
    }
  }

  async removeAbandonedWrites(before: Date): Promise<number> {
    const names = await readdir(this.incoming).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.incoming, name);
      const modified = await stat(file).then((s) => s.mtime, () => undefined);
      if (modified && modified < before) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  async close(): Promise<void> {}
}
