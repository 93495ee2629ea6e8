/**
 * QBO's idempotency: a write sent with `?requestid=<key>` is applied once, and any later request with the
 * same key in the same realm gets the first answer again, byte for byte, without being applied. The SDK
 * relies on this to retry a write whose outcome it could not see.
 */

/** QBO rejects longer request ids. */
export const MAX_REQUEST_ID_LENGTH = 50;

/** The remembered first answer to a request id. */
export interface StoredReply {
  readonly status: number;
  readonly bodyText: string;
  readonly at: number;
}

export interface ReplayStore {
  /** The first answer for this realm and key, if it is still inside the window. */
  get(realmId: string, requestId: string, now: number): StoredReply | undefined;
  /** Remembers an answer unless one is already stored for the key. */
  remember(realmId: string, requestId: string, reply: StoredReply): void;
  clear(): void;
}

export function createReplayStore(windowMs: number): ReplayStore {
  const replies = new Map<string, StoredReply>();
  // A NUL cannot occur in a realm id, so the pair maps to one key unambiguously.
  const keyOf = (realmId: string, requestId: string) => `${realmId}\u0000${requestId}`;
  return {
    get(realmId, requestId, now) {
      const key = keyOf(realmId, requestId);
      const reply = replies.get(key);
      if (reply === undefined) return undefined;
      if (now - reply.at >= windowMs) {
        replies.delete(key);
        return undefined;
      }
      return reply;
    },
    remember(realmId, requestId, reply) {
      const key = keyOf(realmId, requestId);
      if (!replies.has(key)) replies.set(key, reply);
    },
    clear() {
      replies.clear();
    },
  };
}
