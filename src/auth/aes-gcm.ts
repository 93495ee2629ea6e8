/**
 * The one AES-GCM primitive the vault uses, for data keys and for key-encryption keys alike. Internal:
 * exported so the Wycheproof suite can drive exactly the code the vault runs.
 */
import { createCipheriv, createDecipheriv, type KeyObject } from 'node:crypto';

/** GCM nonce length. Only 96-bit IVs are accepted: other lengths go through GHASH and invite misuse. */
export const GCM_IV_BYTES = 12;
/** Full 128-bit tags only. Node accepts truncated tags unless told otherwise, which would weaken forgery bounds. */
export const GCM_TAG_BYTES = 16;

/** A raw AES key (16, 24 or 32 bytes) or a secret KeyObject holding one. */
export type AesKey = Uint8Array | KeyObject;

function cipherName(key: AesKey): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  const bytes = key instanceof Uint8Array ? key.byteLength : (key.symmetricKeySize ?? 0);
  switch (bytes) {
    case 16:
      return 'aes-128-gcm';
    case 24:
      return 'aes-192-gcm';
    case 32:
      return 'aes-256-gcm';
    default:
      throw new RangeError('AES-GCM key must be 16, 24 or 32 bytes');
  }
}

/**
 * Encrypts and authenticates `plaintext` with `aad`. Returns ciphertext followed by the 16-byte tag.
 * The caller supplies a fresh random IV; it must never repeat under one key.
 */
export function aesGcmSeal(key: AesKey, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  if (iv.byteLength !== GCM_IV_BYTES) throw new RangeError('AES-GCM IV must be 12 bytes');
  const cipher = createCipheriv(cipherName(key), key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([body, cipher.getAuthTag()]));
}

/**
 * Checks the tag and decrypts. Returns `undefined` on any failure (wrong key, IV, AAD, tag, length), so
 * callers cannot leak which check failed and no partial plaintext ever escapes.
 */
export function aesGcmOpen(
  key: AesKey,
  iv: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Uint8Array | undefined {
  if (iv.byteLength !== GCM_IV_BYTES || sealed.byteLength < GCM_TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(cipherName(key), key, iv, { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.subarray(sealed.byteLength - GCM_TAG_BYTES));
    const head = decipher.update(sealed.subarray(0, sealed.byteLength - GCM_TAG_BYTES));
    // `final` throws on a bad tag; only then is `head` released, and it is wiped first.
    try {
      const tail = decipher.final();
      return new Uint8Array(Buffer.concat([head, tail]));
    } catch {
      head.fill(0);
      return undefined;
    }
  } catch {
    return undefined;
  }
}
