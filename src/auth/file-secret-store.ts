import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigurationError, ConflictError, LedgerError } from '../http/errors.js';
import type { SealedEntry, SecretStore } from './secret-store.js';
import type { ConnectionKey } from './token-vault.js';
import { VaultIntegrityError } from './vault-errors.js';

/** Options for {@link fileSecretStore}. */
export interface FileSecretStoreOptions {
  /** Directory for the sealed files; created with mode 0700 when absent. */
  readonly dir: string;
  /** How long a compare-and-swap waits for another process's lock before failing. Default 5 000 ms. */
  readonly lockWaitMs?: number | undefined;
  /** A lock file older than this is taken to be left by a crashed process and removed. Default 30 000 ms. */
  readonly staleLockMs?: number | undefined;
}

const MAGIC = Buffer.from('LBS1', 'ascii');
const HEADER_BYTES = MAGIC.byteLength + 4;
const SUFFIX = '.sealed';
const MAX_NAME_BYTES = 240;

/**
 * A {@link SecretStore} on the local file system: one file per connection at
 * `dir/<base64url tenant>/<base64url connection>.sealed`, mode 0600, written atomically (temporary file,
 * fsync, rename) so a crash never leaves half a record. Compare-and-swap takes an exclusive lock file, which
 * serialises writers across processes on one host; several hosts need a database-backed store instead.
 *
 * @example
 * ```ts
 * const store = fileSecretStore({ dir: '/var/lib/clinic-app/vault' });
 * ```
 */
export function fileSecretStore(options: FileSecretStoreOptions): SecretStore {
  const root = options.dir;
  const lockWaitMs = options.lockWaitMs ?? 5_000;
  const staleLockMs = options.staleLockMs ?? 30_000;

  const tenantDir = (tenantId: string) => join(root, encodeName(tenantId));
  const fileOf = (key: ConnectionKey) =>
    join(tenantDir(key.tenantId), `${encodeName(key.connectionId)}${SUFFIX}`);

  async function read(path: string): Promise<SealedEntry | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if (errno(error) === 'ENOENT') return undefined;
      throw storeFailure(error, 'vault.get');
    }
    if (bytes.byteLength < HEADER_BYTES || !bytes.subarray(0, MAGIC.byteLength).equals(MAGIC)) {
      throw new VaultIntegrityError({ operation: 'vault.get' });
    }
    return {
      version: bytes.readUInt32BE(MAGIC.byteLength),
      sealed: new Uint8Array(bytes.subarray(HEADER_BYTES)),
    };
  }

  async function withLock<T>(path: string, operation: string, run: () => Promise<T>): Promise<T> {
    const lockPath = `${path}.lock`;
    const deadline = performance.now() + lockWaitMs;
    // The lock file names its owner, so a release never removes a lock another process took after a stale
    // one was cleared.
    const owner = randomUUID();
    for (;;) {
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        try {
          await handle.writeFile(owner);
        } finally {
          await handle.close();
        }
        break;
      } catch (error) {
        if (errno(error) !== 'EEXIST') throw storeFailure(error, operation);
      }
      const held = await stat(lockPath).catch(() => undefined);
      if (held !== undefined && Date.now() - held.mtimeMs > staleLockMs) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (performance.now() > deadline) {
        throw new ConflictError({ operation, issues: [{ path: 'lock', code: 'lock_timeout' }] });
      }
      await delay(5 + Math.floor(Math.random() * 10));
    }
    try {
      return await run();
    } finally {
      const current = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (current === owner) await unlink(lockPath).catch(() => undefined);
    }
  }

  return {
    async get(key) {
      return read(fileOf(key));
    },
    async put(key, entry, putOptions) {
      const dir = tenantDir(key.tenantId);
      const path = fileOf(key);
      await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
        throw storeFailure(error, 'vault.put');
      });
      await withLock(path, 'vault.put', async () => {
        const current = await read(path).catch((error: unknown) => {
          // A corrupt file matches no expected version, so it is never silently replaced: delete it first.
          if (error instanceof VaultIntegrityError) return { version: Number.NaN, sealed: new Uint8Array() };
          throw error;
        });
        if (current?.version !== putOptions.expectedVersion) {
          throw new ConflictError({
            operation: 'vault.put',
            issues: [{ path: 'version', code: 'version_mismatch' }],
          });
        }
        const header = Buffer.alloc(HEADER_BYTES);
        MAGIC.copy(header);
        header.writeUInt32BE(entry.version, MAGIC.byteLength);
        await writeAtomically(dir, path, Buffer.concat([header, entry.sealed]));
      });
    },
    async delete(key) {
      const path = fileOf(key);
      await withLock(path, 'vault.delete', async () => {
        await unlink(path).catch((error: unknown) => {
          if (errno(error) !== 'ENOENT') throw storeFailure(error, 'vault.delete');
        });
      });
    },
    async list(tenantId) {
      const names = await listDir(tenantDir(tenantId));
      return names
        .filter((name) => name.endsWith(SUFFIX))
        .map((name) => ({ tenantId, connectionId: decodeName(name.slice(0, -SUFFIX.length)) }));
    },
    async listTenants() {
      const names = await listDir(root);
      return names.filter((name) => /^[A-Za-z0-9_-]+$/.test(name)).map(decodeName);
    },
  };
}

async function writeAtomically(dir: string, path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw storeFailure(error, 'vault.put');
  }
  // Make the rename itself durable; not every platform lets a directory be opened for fsync.
  const directory = await open(dir, 'r').catch(() => undefined);
  await directory?.sync().catch(() => undefined);
  await directory?.close();
}

async function listDir(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if (errno(error) === 'ENOENT') return [];
    throw storeFailure(error, 'vault.list');
  }
}

// File names are base64url, so any tenant or connection string maps to a safe, reversible name.
function encodeName(value: string): string {
  const name = Buffer.from(value, 'utf8').toString('base64url');
  if (value === '' || name.length > MAX_NAME_BYTES) {
    throw new ConfigurationError({
      operation: 'vault',
      issues: [{ path: 'key', code: 'invalid_identifier' }],
    });
  }
  return name;
}

function decodeName(name: string): string {
  return Buffer.from(name, 'base64url').toString('utf8');
}

function errno(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** File-system errors carry paths; only the errno code (token syntax) survives. */
function storeFailure(error: unknown, operation: string): LedgerError {
  if (error instanceof LedgerError) return error;
  return new LedgerError({
    code: 'internal',
    operation,
    issues: [{ path: 'secretStore', code: errno(error) ?? 'io_error' }],
  });
}
