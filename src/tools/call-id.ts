import { sha256 } from '@noble/hashes/sha2.js';
import { AUDIT_IDENTIFIER } from '../audit/audit-record.js';

/**
 * The call id as the audit trail can hold it. Audit strings are restricted to identifier syntax so free
 * text cannot slip in; framework ids normally comply (`call_…`, `toolu_…`). One that does not is replaced
 * by `sha256-` and its digest, so the call still succeeds and the host can still join the trail to its
 * transcript by hashing the id the same way.
 */
export function auditCallId(callId: string | undefined): string | undefined {
  if (callId === undefined || callId === '') return undefined;
  if (AUDIT_IDENTIFIER.test(callId)) return callId;
  const digest = Buffer.from(sha256(new TextEncoder().encode(callId))).toString('base64url');
  return `sha256-${digest}`;
}
