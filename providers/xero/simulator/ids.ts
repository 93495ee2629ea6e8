import { createHash } from 'node:crypto';

/** Makes GUIDs that look like Xero's, reproducibly: the same simulator hands out the same sequence. */
export interface IdSource {
  next(): string;
  reset(): void;
}

export function createIdSource(salt: string): IdSource {
  let counter = 0;
  return {
    next() {
      counter += 1;
      const hex = createHash('sha256').update(`${salt}:${counter}`).digest('hex');
      const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    reset() {
      counter = 0;
    },
  };
}
