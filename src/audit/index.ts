export {
  AUDIT_IDENTIFIER,
  AuditActor,
  AuditOutcome,
  AuditPhase,
  AuditRecord,
  type AuditRecordInput,
  AuditVerificationResult,
  createAuditRecord,
  parseAuditRecord,
} from './audit-record.js';
export type { AuditSink } from './audit-sink.js';
export { type FileAuditSink, type FileAuditSinkOptions, fileAuditSink } from './file-sink.js';
export {
  type ChainEntry,
  type ChainHead,
  chainEntry,
  entryHash,
  GENESIS_HASH,
  parseChainLine,
  serializeChainEntry,
  type UncheckedChainEntry,
} from './hash-chain.js';
export { type MemoryAuditSink, memoryAuditSink } from './memory-sink.js';
export {
  type AuditCheckpoint,
  type AuditVerification,
  type AuditVerificationFailureReason,
  type AuditVerifyOptions,
  verifyAuditLines,
  verifyAuditLog,
  verifyAuditText,
} from './verify.js';
