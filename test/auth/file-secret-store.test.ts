import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { fileSecretStore } from '../../src/auth/file-secret-store.js';
import { VaultIntegrityError } from '../../src/auth/vault-errors.js';
import { ConflictError } from '../../src/http/errors.js';
import { canaryTokens, expectNoSecrets, testKeyRing } from './support.js';

const KEY = { tenantId: 'clinic-42', connectionId: 'qbo-main' };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerbridge-vault-'));
  made.push(dir);
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the file secret store', () => {
  it('stores sealed records in 0600 files under a 0700 directory, and lists them back', async () => {
    const dir = freshDir();
    const store = fileSecretStore({ dir });
    const { keyRing } = testKeyRing(1);
    const vault = createEncryptedVault({ store, keyRing });
    const tokens = canaryTokens();
    await vault.put(KEY, tokens, { expectedVersion: undefined });
    await vault.put({ tenantId: 'clinic-42', connectionId: 'xero / main' }, canaryTokens(), {
      expectedVersion: undefined,
    });
    await vault.put({ tenantId: 'clinic-7', connectionId: 'qbo-main' }, canaryTokens(), {
      expectedVersion: undefined,
    });

    expect((await vault.get(KEY))?.tokens).toEqual(tokens);
    expect((await vault.list('clinic-42')).map((key) => key.connectionId).sort()).toEqual([
      'qbo-main',
      'xero / main',
    ]);
    expect((await store.listTenants()).sort()).toEqual(['clinic-42', 'clinic-7']);

    const files = filesUnder(dir);
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expectNoSecrets(readFileSync(file).toString('latin1'), [
        tokens.accessToken,
        tokens.refreshToken ?? '',
        'CANARY',
      ]);
    }
    expect(statSync(join(dir, Buffer.from('clinic-42').toString('base64url'))).mode & 0o777).toBe(0o700);
    // No temporary or lock files are left behind.
    expect(files.every((file) => file.endsWith('.sealed'))).toBe(true);
  });

  it('is compare-and-swap across store instances (as across processes), with exactly one winner', async () => {
    const dir = freshDir();
    const { keyRing } = testKeyRing(1);
    const vaults = Array.from({ length: 8 }, () =>
      createEncryptedVault({ store: fileSecretStore({ dir }), keyRing }),
    );
    await vaults[0]!.put(KEY, canaryTokens(), { expectedVersion: undefined });
    const results = await Promise.allSettled(
      vaults.map((vault) => vault.put(KEY, canaryTokens(), { expectedVersion: 1 })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
    }
    expect((await vaults[3]!.get(KEY))?.version).toBe(2);
  });

  it('fails closed on a corrupt file and survives a stale lock', async () => {
    const dir = freshDir();
    const store = fileSecretStore({ dir, staleLockMs: 0 });
    const { keyRing } = testKeyRing(1);
    const vault = createEncryptedVault({ store, keyRing });
    await vault.put(KEY, canaryTokens(), { expectedVersion: undefined });
    const [file] = filesUnder(dir);
    writeFileSync(`${file!}.lock`, '');
    await vault.put(KEY, canaryTokens(), { expectedVersion: 1 });
    writeFileSync(file!, 'garbage');
    await expect(vault.get(KEY)).rejects.toBeInstanceOf(VaultIntegrityError);
    await vault.delete(KEY);
    expect(await vault.get(KEY)).toBeUndefined();
  });
});
