// Where uploaded bytes live (board images now; call recordings later), apart from the rows
// that describe them. With the embedded database (PGlite, one process), files under
// DATA_DIR/blobs: PGlite runs its queries as synchronous WebAssembly on the server's only
// thread, and one 5 MB image written into it stalled every room for two seconds or more. With
// PostgreSQL (one or several processes), a table in it, which every process reaches.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type TBlobStore = {
  readonly kind: 'files' | 'database';
  /** Stores bytes under a key, replacing any; durable when it resolves. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
  /** Keys under a prefix ("assets/"). */
  list(prefix: string): Promise<string[]>;
};

const KEY = /^[a-z]+\/[A-Za-z0-9_-]{1,100}$/;

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  return key;
}

/** Files under `dir`, one per key; a write goes to a temporary file renamed into place. */
export function createFileBlobStore(dir: string): TBlobStore {
  const fileOf = (key: string) => path.join(dir, ...checkKey(key).split('/'));
  return {
    kind: 'files',
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
    async list(prefix) {
      const folder = prefix.replace(/\/$/, '');
      try {
        const names = await readdir(path.join(dir, folder));
        return names.filter((name) => !name.endsWith('.tmp')).map((name) => `${folder}/${name}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
  };
}

/** Rows of the Blob table (PostgreSQL: shared by every process, off the server's thread). */
export function createDatabaseBlobStore(prisma: PrismaClient): TBlobStore {
  return {
    kind: 'database',
    async put(key, bytes) {
      const data = new Uint8Array(bytes);
      await prisma.blob.upsert({ where: { key: checkKey(key) }, create: { key, data }, update: { data } });
    },
    async get(key) {
      const row = await prisma.blob.findUnique({ where: { key: checkKey(key) }, select: { data: true } });
      return row?.data ?? null;
    },
    async delete(key) {
      await prisma.blob.deleteMany({ where: { key: checkKey(key) } });
    },
    async list(prefix) {
      const rows = await prisma.blob.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
      return rows.map((row) => row.key);
    },
  };
}
