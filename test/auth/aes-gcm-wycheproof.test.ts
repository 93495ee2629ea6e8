/**
 * Wycheproof AES-GCM vectors through the exact primitive the vault uses (aesGcmSeal / aesGcmOpen). Only
 * 96-bit IVs are in scope: the primitive refuses every other length, which is checked too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aesGcmOpen, aesGcmSeal } from '../../src/auth/aes-gcm.js';
import { hasShared, missingSharedMessage, sharedPath } from '../support/shared-dir.js';

const VECTORS = ['vectors', 'wycheproof', 'aes_gcm_test.json'] as const;

interface AeadTest {
  readonly tcId: number;
  readonly key: string;
  readonly iv: string;
  readonly aad: string;
  readonly msg: string;
  readonly ct: string;
  readonly tag: string;
  readonly result: 'valid' | 'invalid' | 'acceptable';
}
interface AeadFile {
  readonly testGroups: readonly {
    readonly ivSize: number;
    readonly tagSize: number;
    readonly tests: readonly AeadTest[];
  }[];
}

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

if (!hasShared(...VECTORS)) console.warn(missingSharedMessage(...VECTORS));

describe.skipIf(!hasShared(...VECTORS))('AES-GCM against Wycheproof', () => {
  const file = hasShared(...VECTORS)
    ? (JSON.parse(readFileSync(sharedPath(...VECTORS), 'utf8')) as AeadFile)
    : { testGroups: [] };

  it('opens every valid 96-bit-IV vector to its plaintext, seals it to its ciphertext, and opens no invalid one', () => {
    const counts = { valid: 0, invalid: 0, otherIvSizes: 0 };
    for (const group of file.testGroups) {
      expect(group.tagSize).toBe(128);
      for (const test of group.tests) {
        const key = hex(test.key);
        const iv = hex(test.iv);
        const aad = hex(test.aad);
        const sealed = hex(test.ct + test.tag);
        if (group.ivSize !== 96) {
          // Not in the vault's domain: the primitive must refuse rather than fall back to GHASHed IVs.
          expect(aesGcmOpen(key, iv, sealed, aad), `tcId ${test.tcId}`).toBeUndefined();
          counts.otherIvSizes += 1;
          continue;
        }
        const opened = aesGcmOpen(key, iv, sealed, aad);
        if (test.result === 'valid') {
          expect(opened && Buffer.from(opened).toString('hex'), `tcId ${test.tcId}`).toBe(test.msg);
          expect(
            Buffer.from(aesGcmSeal(key, iv, hex(test.msg), aad)).toString('hex'),
            `tcId ${test.tcId}`,
          ).toBe(test.ct + test.tag);
          counts.valid += 1;
        } else {
          expect(opened, `tcId ${test.tcId} (${test.result})`).toBeUndefined();
          counts.invalid += 1;
        }
      }
    }
    console.log(
      `Wycheproof AES-GCM vectors with 96-bit IVs: ${counts.valid} valid opened and re-sealed, ${counts.invalid} invalid refused; ${counts.otherIvSizes} other IV sizes refused by design`,
    );
    expect(counts.valid).toBeGreaterThan(100);
    expect(counts.invalid).toBeGreaterThan(50);
  });
});

describe('the AES-GCM primitive', () => {
  const key = new Uint8Array(32).fill(7);
  const iv = new Uint8Array(12).fill(1);
  const aad = new TextEncoder().encode('context');
  const sealed = aesGcmSeal(key, iv, new TextEncoder().encode('secret'), aad);

  it('refuses truncated tags (Node would accept a 4-byte tag unless told not to)', () => {
    for (let cut = 1; cut <= 12; cut += 1) {
      expect(aesGcmOpen(key, iv, sealed.subarray(0, sealed.byteLength - cut), aad)).toBeUndefined();
    }
  });

  it('refuses a wrong key length, IV length or AAD', () => {
    expect(aesGcmOpen(new Uint8Array(31), iv, sealed, aad)).toBeUndefined();
    expect(aesGcmOpen(key, new Uint8Array(16), sealed, aad)).toBeUndefined();
    expect(aesGcmOpen(key, iv, sealed, new TextEncoder().encode('other'))).toBeUndefined();
    expect(() => aesGcmSeal(key, new Uint8Array(8), new Uint8Array(1), aad)).toThrow(RangeError);
  });
});
