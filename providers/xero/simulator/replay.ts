/**
 * Xero's idempotency: a PUT or POST with an `Idempotency-Key` is applied once; the same key with the same
 * request within the window gets the first answer again without being applied, and the same key with a
 * different request is refused with a 400. Only successful answers are remembered, so a corrected retry of
 * a rejected write under the same key can still apply (Xero does not document this either way).
 */

/** Xero refuses longer keys. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

export interface StoredReply {
  readonly fingerprint: string;
  readonly status: number;
  readonly bodyText: string;
  readonly at: number;
}

export interface ReplayStore {
  get(tenantId: string, key: string, now: number): StoredReply | undefined;
  remember(tenantId: string, key: string, reply: StoredReply): void;
  clear(): void;
}

export function createReplayStore(windowMs: number): ReplayStore {
  const replies = new Map<string, StoredReply>();
  const keyOf = (tenantId: string, key: string) => `${tenantId}\u0000${key}`;
  return {
    get(tenantId, key, now) {
      const reply = replies.get(keyOf(tenantId, key));
      if (reply === undefined) return undefined;
      if (now - reply.at >= windowMs) {
        replies.delete(keyOf(tenantId, key));
        return undefined;
      }
      return reply;
    },
    remember(tenantId, key, reply) {
      if (!replies.has(keyOf(tenantId, key))) replies.set(keyOf(tenantId, key), reply);
    },
    clear() {
      replies.clear();
    },
  };
}
