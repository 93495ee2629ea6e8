import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { localKeyRing, localKeyRingFromEnv } from '../../src/auth/key-ring.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import { decodeSealed, inspectSealedRecord } from '../../src/auth/sealed-record.js';
import type { ConnectionKey, TokenSet } from '../../src/auth/token-vault.js';
import { VaultIntegrityError } from '../../src/auth/vault-errors.js';
import { ConfigurationError } from '../../src/http/errors.js';
import { canaryTokens, expectNoSecrets, renderings } from './support.js';

const RECORDS = 1_000;
const keyText = () => randomBytes(32).toString('base64');

function keyOf(index: number): ConnectionKey {
  return { tenantId: `clinic-${index % 40}`, connectionId: `conn-${index}` };
}

describe('key rotation, re-wrap and retirement', () => {
  it('keeps 1,000 records under 3 key versions readable before, during and after rotation and re-wrap', async () => {
    const store = memorySecretStore();
    const keyRing = localKeyRing({ keys: { 1: keyText() }, primary: 1 });
    const vault = createEncryptedVault({ store, keyRing });
    const expected = new Map<number, TokenSet>();

    for (let index = 0; index < RECORDS; index += 1) {
      // A third each under version 1, 2 and 3: rotate as we go, as a long-lived deployment would.
      if (index === 334) keyRing.rotate(2, keyText());
      if (index === 667) keyRing.rotate(3, keyText());
      const tokens = canaryTokens();
      expected.set(index, tokens);
      await vault.put(keyOf(index), tokens, { expectedVersion: undefined });
    }
    const readAll = async () => {
      for (let index = 0; index < RECORDS; index += 1) {
        expect((await vault.get(keyOf(index)))?.tokens).toEqual(expected.get(index));
      }
    };
    const versions = async () => {
      const counts: Record<number, number> = {};
      for (let index = 0; index < RECORDS; index += 1) {
        const info = inspectSealedRecord((await store.get(keyOf(index)))!.sealed)!;
        counts[info.keyVersion] = (counts[info.keyVersion] ?? 0) + 1;
      }
      return counts;
    };
    expect(await versions()).toEqual({ 1: 334, 2: 333, 3: 333 });
    await readAll();

    const payloadsBefore = new Map<number, string>();
    for (let index = 0; index < RECORDS; index += 1) {
      const parts = decodeSealed((await store.get(keyOf(index)))!.sealed)!;
      payloadsBefore.set(index, Buffer.concat([parts.payloadIv, parts.payload]).toString('hex'));
    }

    // Rotate to a fourth key, then re-wrap half the tenants: the store is mixed, everything still reads.
    keyRing.rotate(4, keyText());
    const half = Array.from({ length: 20 }, (_, tenant) => `clinic-${tenant}`);
    const first = await vault.rewrap({ tenantIds: half });
    expect(first).toEqual({ examined: 500, rewrapped: 500, alreadyCurrent: 0, unreadable: 0 });
    await readAll();

    // Writes during the rotation land under the new primary and survive the re-wrap.
    const during = canaryTokens();
    expected.set(0, during);
    const current = await vault.get(keyOf(0));
    await vault.put(keyOf(0), during, { expectedVersion: current?.version });

    const rest = await vault.rewrap();
    expect(rest).toEqual({ examined: 1_000, rewrapped: 500, alreadyCurrent: 500, unreadable: 0 });
    expect(await versions()).toEqual({ 4: 1_000 });
    await readAll();

    // Re-wrap touched only the wrapped keys: token ciphertext and IVs are byte-for-byte the same.
    for (let index = 1; index < RECORDS; index += 1) {
      const parts = decodeSealed((await store.get(keyOf(index)))!.sealed)!;
      expect(Buffer.concat([parts.payloadIv, parts.payload]).toString('hex')).toBe(payloadsBefore.get(index));
    }

    // Old keys retired: nothing depends on them any more.
    const retired = createEncryptedVault({ store, keyRing, minimumKeyVersion: 4 });
    expect((await retired.get(keyOf(999)))?.tokens).toEqual(expected.get(999));
  });

  it('fails closed on records not yet re-wrapped once their key version is retired', async () => {
    const store = memorySecretStore();
    const keyRing = localKeyRing({ keys: { 1: keyText(), 2: keyText() }, primary: 1 });
    const vault = createEncryptedVault({ store, keyRing });
    const tokens = new Map<number, TokenSet>();
    for (let index = 0; index < 20; index += 1) {
      tokens.set(index, canaryTokens());
      await vault.put(keyOf(index), tokens.get(index)!, { expectedVersion: undefined });
    }
    keyRing.rotate(2);
    await vault.rewrap({ tenantIds: ['clinic-0', 'clinic-1', 'clinic-2'] });

    const retired = createEncryptedVault({ store, keyRing, minimumKeyVersion: 2 });
    let readable = 0;
    const failures: unknown[] = [];
    for (let index = 0; index < 20; index += 1) {
      try {
        expect((await retired.get(keyOf(index)))?.tokens).toEqual(tokens.get(index));
        readable += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(VaultIntegrityError);
        failures.push(error);
      }
    }
    expect(readable).toBe(3);
    expect(failures).toHaveLength(17);
    expectNoSecrets(
      failures.map(renderings).join('\n'),
      [...tokens.values()].flatMap((set) => [set.accessToken, set.refreshToken ?? '']),
    );
    // A retired record is reported, not silently skipped, by a re-wrap through the retired vault.
    expect(await retired.rewrap()).toMatchObject({ unreadable: 17, alreadyCurrent: 3 });
    // And the vault refuses to seal under a retired primary.
    keyRing.rotate(1);
    await expect(
      retired.put(keyOf(100), canaryTokens(), { expectedVersion: undefined }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('re-wrap races with a refresh that stores new tokens, and neither is lost', async () => {
    const store = memorySecretStore();
    const keyRing = localKeyRing({ keys: { 1: keyText(), 2: keyText() }, primary: 1 });
    const vault = createEncryptedVault({ store, keyRing });
    await vault.put(keyOf(0), canaryTokens(), { expectedVersion: undefined });
    keyRing.rotate(2);
    const refreshed = canaryTokens();
    const [report] = await Promise.all([
      vault.rewrap(),
      vault.put(keyOf(0), refreshed, { expectedVersion: 1 }).catch(() => undefined),
    ]);
    expect(report.unreadable).toBe(0);
    const record = await vault.get(keyOf(0));
    expect(inspectSealedRecord((await store.get(keyOf(0)))!.sealed)?.keyVersion).toBe(2);
    // Whichever won the race, the record is readable and holds either the old or the refreshed tokens.
    expect(record?.tokens.accessToken.startsWith('CANARY-ACCESS-TOKEN-')).toBe(true);
  });
});

describe('local key rings', () => {
  it('reads keys and the primary from the environment', () => {
    const env = {
      VAULT_KEY_1: keyText(),
      VAULT_KEY_2: keyText(),
      VAULT_PRIMARY: '1',
      OTHER_KEY_3: keyText(),
    };
    const ring = localKeyRingFromEnv('VAULT', env);
    expect(ring.versions).toEqual([1, 2]);
    expect(ring.primaryVersion).toBe(1);
    expect(
      localKeyRingFromEnv('VAULT', { VAULT_KEY_1: env.VAULT_KEY_1, VAULT_KEY_5: keyText() }).primaryVersion,
    ).toBe(5);
  });

  it('refuses bad keys without echoing them', () => {
    const short = randomBytes(16).toString('base64');
    for (const options of [
      { keys: { 1: short } },
      { keys: {} },
      { keys: { 0: keyText() } },
      { keys: { 1: keyText() }, primary: 2 },
    ]) {
      let thrown: unknown;
      try {
        localKeyRing(options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expectNoSecrets(renderings(thrown), [short]);
    }
    expect(() => localKeyRing({ keys: { 1: keyText() } }).rotate(1, keyText())).toThrow(ConfigurationError);
  });
});
