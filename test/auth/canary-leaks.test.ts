/**
 * Canary token values across the credential failure paths: none may reach an error (message, stack, cause,
 * JSON, util.inspect), the console, or an audit record (DESIGN invariants 1, 2, 6, 7).
 */
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quickbooksOAuth } from '../../providers/quickbooks/auth.js';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { createQuickBooksSimulator } from '../../providers/quickbooks/testing.js';
import { memoryAuditSink } from '../../src/audit/index.js';
import { createEncryptedVault } from '../../src/auth/encrypted-vault.js';
import { memorySecretStore } from '../../src/auth/memory-secret-store.js';
import { createLedger } from '../../src/ledger.js';
import type { FaultKind } from '../../src/testing/index.js';
import { expectNoSecrets, renderings, testKeyRing } from './support.js';

const MINUTE = 60_000;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('canary tokens on every failure path', () => {
  it('never show up in errors, console output or audit records', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const consoleCalls: unknown[][] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleCalls.push(args);
      });
    }
    const sim = createQuickBooksSimulator({ throttle: false, oauth: { tokenPrefix: 'CANARY' } });
    const server = setupServer(...sim.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    const audit = memoryAuditSink();
    const vault = createEncryptedVault({ store: memorySecretStore(), keyRing: testKeyRing(1).keyRing });
    const ledger = createLedger({
      vault,
      audit,
      idempotencySecret: 'test-idempotency-secret-0123456789abcdef',
      retry: { retries: 0 },
    });
    const { clientId, clientSecret } = sim.credentials;
    const errors: unknown[] = [];
    const capture = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => errors.push(error),
      );
    const secrets: string[] = [];

    const grantFor = async (connectionId: string) => {
      const key = { tenantId: 'clinic-9', connectionId };
      const grant = sim.oauth.issueGrant();
      secrets.push(grant.accessToken, grant.refreshToken);
      await vault.put(
        key,
        {
          accessToken: grant.accessToken,
          refreshToken: grant.refreshToken,
          accessTokenExpiresAt: new Date(Date.now() + grant.expiresIn * 1000).toISOString(),
          providerTenantId: grant.providerTenantId,
        },
        { expectedVersion: undefined },
      );
      return key;
    };

    try {
      // Token-endpoint faults during a refresh on an expired token.
      const faults: FaultKind[] = [
        'server_error',
        'malformed_json',
        'drop_after_commit',
        'drop_before_commit',
        'rate_limit',
      ];
      for (const [index, kind] of faults.entries()) {
        const key = await grantFor(`fault-${index}`);
        const books = await ledger.connect({
          provider: quickbooks({ clientId, clientSecret, rateLimits: false }),
          ...key,
        });
        vi.advanceTimersByTime(61 * MINUTE);
        sim.faults.inject({ kind, pathIncludes: '/tokens/bearer' });
        await capture(books.company.get());
      }
      // A wrong client secret: invalid_client.
      const wrongClient = await grantFor('wrong-client');
      vi.advanceTimersByTime(61 * MINUTE);
      const impostor = await ledger.connect({
        provider: quickbooks({ clientId, clientSecret: 'wrong', rateLimits: false }),
        ...wrongClient,
      });
      await capture(impostor.company.get());
      // A revoked grant: 401 from the API (whose body quotes the token), forced refresh, invalid_grant.
      const revoked = await grantFor('revoked');
      const books = await ledger.connect({
        provider: quickbooks({ clientId, clientSecret, rateLimits: false }),
        ...revoked,
      });
      await quickbooksOAuth({ clientId, clientSecret }).revoke(secrets.at(-2)!);
      await capture(books.company.get());
      await capture(books.invoices.listPage({ pageSize: 1 }));
      // Direct helper failures: reuse of a spent refresh token, a bad code.
      const intuit = quickbooksOAuth({ clientId, clientSecret });
      const grant = sim.oauth.issueGrant();
      secrets.push(grant.accessToken, grant.refreshToken);
      const rotated = await intuit.refresh({
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
      });
      secrets.push(rotated.accessToken, rotated.refreshToken!);
      await capture(intuit.refresh({ accessToken: grant.accessToken, refreshToken: grant.refreshToken }));
      await capture(
        intuit.exchangeCode({
          callback: 'https://clinic.example/cb?code=forged-code&state=s&realmId=1',
          expectedState: 's',
          codeVerifier: 'v'.repeat(43),
          redirectUri: 'https://clinic.example/cb',
        }),
      );
    } finally {
      server.close();
    }

    expect(errors).toHaveLength(10);
    const everything = [
      errors.map(renderings).join('\n'),
      consoleCalls.map((args) => args.map(String).join(' ')).join('\n'),
      JSON.stringify(audit.records),
    ].join('\n');
    expectNoSecrets(everything, ['CANARY', ...secrets]);
    // The failures are still told apart by their allow-listed fields.
    const kinds = errors.map((error) => {
      const { code, providerCode, issues } = error as {
        code: string;
        providerCode?: string;
        issues?: { code: string }[];
      };
      return providerCode ?? issues?.[0]?.code ?? code;
    });
    expect(kinds).toEqual(
      expect.arrayContaining([
        'refresh_outcome_unknown',
        'invalid_client',
        'needs_reauth',
        'invalid_grant',
        'provider_unavailable',
        'rate_limited',
      ]),
    );
    expect(
      audit.records.filter((record) => record.operation === 'auth.refresh').length,
    ).toBeGreaterThanOrEqual(7);
  });
});
