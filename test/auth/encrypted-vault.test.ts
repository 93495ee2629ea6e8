import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import { decodeSealed, encodeSealed, inspectSealedRecord } from '../../src/auth/sealed-record.js';
import type { SecretStore } from '../../src/auth/secret-store.js';
import type { ConnectionKey, TokenSet } from '../../src/auth/token-vault.js';
import { VaultIntegrityError } from '../../src/auth/vault-errors.js';
import { ConflictError, isLedgerError } from '../../src/http/errors.js';
import { canaryTokens, expectNoSecrets, renderings, testKeyRing } from './support.js';

const CLINIC: ConnectionKey = { tenantId: 'clinic-1', connectionId: 'qbo-main' };

function setup() {
  const store = memorySecretStore();
  const { keyRing } = testKeyRing(1);
  return { store, keyRing, vault: createEncryptedVault({ store, keyRing }) };
}

async function sealedOf(store: SecretStore, key: ConnectionKey) {
  const entry = await store.get(key);
  if (!entry) throw new Error('no entry');
  return entry;
}

/** Overwrites the stored bytes (an attacker with write access to the store). */
async function plant(store: SecretStore, key: ConnectionKey, version: number, sealed: Uint8Array) {
  const current = await store.get(key);
  await store.put(key, { version, sealed }, { expectedVersion: current?.version });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('the encrypted vault', () => {
  it('round-trips tokens, status and versions, and stores only ciphertext', async () => {
    const { store, vault } = setup();
    const tokens = canaryTokens();
    const created = await vault.put(CLINIC, tokens, { expectedVersion: undefined });
    expect(created).toMatchObject({ version: 1, status: 'active', tokens });
    expect(await vault.get(CLINIC)).toEqual({ version: 1, status: 'active', tokens });
    const updated = await vault.put(CLINIC, tokens, { expectedVersion: 1, status: 'needs_reauth' });
    expect(updated.version).toBe(2);
    expect((await vault.get(CLINIC))?.status).toBe('needs_reauth');

    const { sealed } = await sealedOf(store, CLINIC);
    const asText = Buffer.from(sealed).toString('latin1');
    expectNoSecrets(asText, [
      tokens.accessToken,
      tokens.refreshToken ?? '',
      'CANARY',
      'clinic-1',
      'qbo-main',
    ]);
    expect(inspectSealedRecord(sealed)).toEqual({ formatVersion: 1, keyVersion: 1, contentVersion: 2 });
    expect(await vault.list('clinic-1')).toEqual([CLINIC]);
    await vault.delete(CLINIC);
    expect(await vault.get(CLINIC)).toBeUndefined();
  });

  it('is compare-and-swap on the version', async () => {
    const { vault } = setup();
    await vault.put(CLINIC, canaryTokens(), { expectedVersion: undefined });
    await expect(vault.put(CLINIC, canaryTokens(), { expectedVersion: undefined })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(vault.put(CLINIC, canaryTokens(), { expectedVersion: 7 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => vault.put(CLINIC, canaryTokens(), { expectedVersion: 1 })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('seals only the known token fields', async () => {
    const { vault } = setup();
    const smuggled = { ...canaryTokens(), patientName: 'Jane Doe' } as TokenSet;
    await vault.put(CLINIC, smuggled, { expectedVersion: undefined });
    expect(JSON.stringify(await vault.get(CLINIC))).not.toContain('Jane Doe');
  });

  it('uses a fresh data key and IVs per record: sealing the same tokens twice gives unrelated bytes', async () => {
    const { store, vault } = setup();
    const tokens = canaryTokens();
    const other: ConnectionKey = { tenantId: 'clinic-1', connectionId: 'qbo-second' };
    await vault.put(CLINIC, tokens, { expectedVersion: undefined });
    await vault.put(other, tokens, { expectedVersion: undefined });
    const a = decodeSealed((await sealedOf(store, CLINIC)).sealed);
    const b = decodeSealed((await sealedOf(store, other)).sealed);
    expect(Buffer.from(a?.wrappedKey ?? []).equals(Buffer.from(b?.wrappedKey ?? []))).toBe(false);
    expect(Buffer.from(a?.payloadIv ?? []).equals(Buffer.from(b?.payloadIv ?? []))).toBe(false);
    expect(Buffer.from(a?.payload ?? []).equals(Buffer.from(b?.payload ?? []))).toBe(false);
  });
});

describe('tampering', () => {
  it('rejects every bit flip and every truncation with one opaque error, and no record bytes or tokens in it', async () => {
    const { store, vault } = setup();
    const tokens = canaryTokens();
    await vault.put(CLINIC, tokens, { expectedVersion: undefined });
    const { version, sealed } = await sealedOf(store, CLINIC);
    const errors: unknown[] = [];
    let rejected = 0;
    let attempts = 0;

    for (let bit = 0; bit < sealed.byteLength * 8; bit += 1) {
      const mutated = sealed.slice();
      mutated[bit >> 3]! ^= 1 << (bit & 7);
      await plant(store, CLINIC, version, mutated);
      attempts += 1;
      const error = await failure(vault.get(CLINIC));
      if (error instanceof VaultIntegrityError) rejected += 1;
      errors.push(error);
    }
    for (let length = 0; length < sealed.byteLength; length += 1) {
      await plant(store, CLINIC, version, sealed.slice(0, length));
      attempts += 1;
      const error = await failure(vault.get(CLINIC));
      if (error instanceof VaultIntegrityError) rejected += 1;
      errors.push(error);
    }
    // Extension: bytes appended after the tag.
    await plant(store, CLINIC, version, Uint8Array.from([...sealed, 0]));
    attempts += 1;
    if ((await failure(vault.get(CLINIC))) instanceof VaultIntegrityError) rejected += 1;

    console.log(
      `tamper: ${rejected}/${attempts} bit flips and truncations of a ${sealed.byteLength}-byte record rejected`,
    );
    expect(rejected).toBe(attempts);

    // One error: every failure renders identically (no oracle), and none carries record bytes or tokens.
    const shapes = new Set(errors.map((error) => JSON.stringify(error)));
    expect(shapes.size).toBe(1);
    const sample = errors[0] as VaultIntegrityError;
    expect(sample.toJSON()).toEqual({
      name: 'VaultIntegrityError',
      code: 'authentication_failed',
      message: 'vault.get: authentication_failed: vault sealed_record_unreadable',
      operation: 'vault.get',
      retryable: false,
      outcome: 'failed',
      issues: [{ path: 'vault', code: 'sealed_record_unreadable' }],
    });
    const text = errors.slice(0, 50).map(renderings).join('\n');
    expectNoSecrets(text, [tokens.accessToken, tokens.refreshToken ?? '']);
    const hex = Buffer.from(sealed).toString('hex');
    const base64 = Buffer.from(sealed).toString('base64');
    for (let offset = 0; offset + 8 <= sealed.byteLength; offset += 4) {
      expect(text).not.toContain(hex.slice(offset * 2, offset * 2 + 16));
      expect(text).not.toContain(
        Buffer.from(sealed.subarray(offset, offset + 8))
          .toString('base64')
          .slice(0, 8),
      );
    }
    expect(text).not.toContain(base64.slice(0, 12));

    // And the untouched record still opens.
    await plant(store, CLINIC, version, sealed);
    expect((await vault.get(CLINIC))?.tokens).toEqual(tokens);
  });

  it('rejects a record moved to another tenant, another connection or another version', async () => {
    const { store, vault } = setup();
    await vault.put(CLINIC, canaryTokens(), { expectedVersion: undefined });
    const { version, sealed } = await sealedOf(store, CLINIC);
    const elsewhere: ConnectionKey[] = [
      { tenantId: 'clinic-2', connectionId: 'qbo-main' },
      { tenantId: 'clinic-1', connectionId: 'xero-main' },
      // Ambiguous concatenations must not collide.
      { tenantId: 'clinic-1q', connectionId: 'bo-main' },
    ];
    for (const key of elsewhere) {
      await plant(store, key, version, sealed);
      await expect(vault.get(key)).rejects.toBeInstanceOf(VaultIntegrityError);
    }
    // Rolled back or forward: the same bytes under another record version.
    for (const other of [version + 1, version + 7]) {
      await plant(store, CLINIC, other, sealed);
      await expect(vault.get(CLINIC)).rejects.toBeInstanceOf(VaultIntegrityError);
    }
  });

  it('rejects wrapped keys and payloads swapped between records, including two versions of one record', async () => {
    const { store, vault } = setup();
    const second: ConnectionKey = { tenantId: 'clinic-1', connectionId: 'qbo-second' };
    await vault.put(CLINIC, canaryTokens(), { expectedVersion: undefined });
    await vault.put(second, canaryTokens(), { expectedVersion: undefined });
    const first = await sealedOf(store, CLINIC);
    const other = await sealedOf(store, second);
    const a = decodeSealed(first.sealed)!;
    const b = decodeSealed(other.sealed)!;

    await plant(store, CLINIC, first.version, encodeSealed({ ...a, wrappedKey: b.wrappedKey }));
    await expect(vault.get(CLINIC)).rejects.toBeInstanceOf(VaultIntegrityError);
    await plant(
      store,
      CLINIC,
      first.version,
      encodeSealed({ ...a, payloadIv: b.payloadIv, payload: b.payload }),
    );
    await expect(vault.get(CLINIC)).rejects.toBeInstanceOf(VaultIntegrityError);

    // Version 1 and version 2 of the same connection.
    await plant(store, CLINIC, first.version, first.sealed);
    await vault.put(CLINIC, canaryTokens(), { expectedVersion: 1 });
    const v2 = await sealedOf(store, CLINIC);
    const parts2 = decodeSealed(v2.sealed)!;
    await plant(store, CLINIC, v2.version, encodeSealed({ ...parts2, wrappedKey: a.wrappedKey }));
    await expect(vault.get(CLINIC)).rejects.toBeInstanceOf(VaultIntegrityError);
    await plant(
      store,
      CLINIC,
      v2.version,
      encodeSealed({ ...parts2, payloadIv: a.payloadIv, payload: a.payload }),
    );
    await expect(vault.get(CLINIC)).rejects.toBeInstanceOf(VaultIntegrityError);
  });

  it('rejects a record sealed under another key ring, and says nothing about the key ring when printed', async () => {
    const { store, vault } = setup();
    await vault.put(CLINIC, canaryTokens(), { expectedVersion: undefined });
    const { keys, keyRing: foreign } = testKeyRing(1);
    const stranger = createEncryptedVault({ store, keyRing: foreign });
    const error = await failure(stranger.get(CLINIC));
    expect(isLedgerError(error) && error instanceof VaultIntegrityError).toBe(true);
    const printed = `${inspect(foreign)} ${JSON.stringify(foreign)}`;
    expect(printed).toContain('versions');
    expectNoSecrets(printed, [keys[1]!]);
  });
});
