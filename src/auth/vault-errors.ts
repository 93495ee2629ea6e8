import { AuthenticationError, type LedgerErrorFields } from '../http/errors.js';

/**
 * A sealed vault record could not be opened: tampered, truncated, spliced from another record, bound to
 * another tenant, connection or version, or wrapped under a key that is unknown or retired. Every such case
 * throws this one error with the same fields, so the error is no oracle for an attacker, and it never
 * carries record bytes. Treat the connection as needing a fresh authorisation, and investigate the store.
 */
export class VaultIntegrityError extends AuthenticationError {
  constructor(fields: Pick<LedgerErrorFields, 'operation'> = {}) {
    super({
      operation: fields.operation,
      issues: [{ path: 'vault', code: 'sealed_record_unreadable' }],
    });
  }
}
