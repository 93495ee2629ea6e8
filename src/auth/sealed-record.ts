/**
 * The sealed record format (version 1). All integers are unsigned big-endian.
 *
 * | offset   | bytes | field                                                           |
 * |----------|-------|-----------------------------------------------------------------|
 * | 0        | 2     | magic `LB`                                                      |
 * | 2        | 1     | format version, 1                                               |
 * | 3        | 4     | KEK version that wrapped the data key                           |
 * | 7        | 4     | content version: the record version when the tokens were sealed |
 * | 11       | 2     | n, length of the wrapped data key                               |
 * | 13       | n     | wrapped data key, as the key ring returned it                   |
 * | 13+n     | 12    | payload IV                                                      |
 * | 25+n     | rest  | payload ciphertext ‖ 16-byte GCM tag                            |
 *
 * Two bindings, so that `rewrap` can replace the wrapped key without touching the token ciphertext:
 * the payload's AAD binds tenant, connection, format and content version; the wrap's AAD (the key ring's
 * context) binds the same plus the KEK version and the *current* record version, so every stored record is
 * tied to the version the store holds it under. Strings are length-prefixed so no two (tenant, connection)
 * pairs share an encoding.
 */
import type { ConnectionKey } from './token-vault.js';

/** The fields of a sealed record. */
export interface SealedParts {
  readonly keyVersion: number;
  readonly contentVersion: number;
  readonly wrappedKey: Uint8Array;
  readonly payloadIv: Uint8Array;
  /** Ciphertext followed by the tag. */
  readonly payload: Uint8Array;
}

/** The current format version. */
export const SEALED_FORMAT_VERSION = 1;

const MAGIC = [0x4c, 0x42];
const FIXED_HEADER_BYTES = 13;
const PAYLOAD_IV_BYTES = 12;
const MIN_PAYLOAD_BYTES = 16;
const WRAP_DOMAIN = new TextEncoder().encode('ledgerbridge/vault/wrap\0');
const PAYLOAD_DOMAIN = new TextEncoder().encode('ledgerbridge/vault/payload\0');

/** Serialises a record. */
export function encodeSealed(parts: SealedParts): Uint8Array {
  if (parts.wrappedKey.byteLength > 0xffff) throw new RangeError('wrapped key too long');
  const bytes = new Uint8Array(
    FIXED_HEADER_BYTES + parts.wrappedKey.byteLength + PAYLOAD_IV_BYTES + parts.payload.byteLength,
  );
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setUint8(2, SEALED_FORMAT_VERSION);
  view.setUint32(3, parts.keyVersion);
  view.setUint32(7, parts.contentVersion);
  view.setUint16(11, parts.wrappedKey.byteLength);
  let offset = FIXED_HEADER_BYTES;
  bytes.set(parts.wrappedKey, offset);
  offset += parts.wrappedKey.byteLength;
  bytes.set(parts.payloadIv, offset);
  bytes.set(parts.payload, offset + PAYLOAD_IV_BYTES);
  return bytes;
}

/** Parses a record, or returns `undefined` when it is not a well-formed version-1 record. */
export function decodeSealed(bytes: Uint8Array): SealedParts | undefined {
  if (bytes.byteLength < FIXED_HEADER_BYTES + PAYLOAD_IV_BYTES + MIN_PAYLOAD_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] !== MAGIC[0] || bytes[1] !== MAGIC[1] || view.getUint8(2) !== SEALED_FORMAT_VERSION) {
    return undefined;
  }
  const wrappedLength = view.getUint16(11);
  const payloadStart = FIXED_HEADER_BYTES + wrappedLength + PAYLOAD_IV_BYTES;
  if (bytes.byteLength < payloadStart + MIN_PAYLOAD_BYTES) return undefined;
  return {
    keyVersion: view.getUint32(3),
    contentVersion: view.getUint32(7),
    wrappedKey: bytes.slice(FIXED_HEADER_BYTES, FIXED_HEADER_BYTES + wrappedLength),
    payloadIv: bytes.slice(FIXED_HEADER_BYTES + wrappedLength, payloadStart),
    payload: bytes.slice(payloadStart),
  };
}

/** What a sealed record says about itself in the clear: enough for operations, nothing secret. */
export interface SealedRecordInfo {
  readonly formatVersion: number;
  /** The KEK version its data key is wrapped under; `rewrap` moves it to the primary. */
  readonly keyVersion: number;
  readonly contentVersion: number;
}

/** Reads a sealed record's clear header, or `undefined` when the bytes are not a record. */
export function inspectSealedRecord(bytes: Uint8Array): SealedRecordInfo | undefined {
  const parts = decodeSealed(bytes);
  return (
    parts && {
      formatVersion: SEALED_FORMAT_VERSION,
      keyVersion: parts.keyVersion,
      contentVersion: parts.contentVersion,
    }
  );
}

/** The key ring's context for wrapping this record's data key. */
export function wrapContext(
  key: ConnectionKey,
  parts: Pick<SealedParts, 'keyVersion' | 'contentVersion'>,
  recordVersion: number,
): Uint8Array {
  return concat([
    WRAP_DOMAIN,
    versionPrefix(),
    uint32(parts.keyVersion),
    uint32(parts.contentVersion),
    uint32(recordVersion),
    lengthPrefixed(key.tenantId),
    lengthPrefixed(key.connectionId),
  ]);
}

/** The AAD of the token ciphertext. */
export function payloadContext(key: ConnectionKey, contentVersion: number): Uint8Array {
  return concat([
    PAYLOAD_DOMAIN,
    versionPrefix(),
    uint32(contentVersion),
    lengthPrefixed(key.tenantId),
    lengthPrefixed(key.connectionId),
  ]);
}

function versionPrefix(): Uint8Array {
  return Uint8Array.of(...MAGIC, SEALED_FORMAT_VERSION);
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function lengthPrefixed(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text);
  return concat([uint32(encoded.byteLength), encoded]);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
