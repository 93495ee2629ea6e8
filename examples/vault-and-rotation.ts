/**
 * Connecting a provider, storing its tokens sealed, refreshing them and rotating the vault's keys, offline
 * against the QuickBooks simulator: `npx tsx examples/vault-and-rotation.ts`.
 *
 * Against Intuit, drop the simulator lines: redirect the user to `request.url`, and pass the callback URL
 * your server receives to `exchangeCode`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEncryptedVault,
  createLedger,
  fileSecretStore,
  inspectSealedRecord,
  localKeyRingFromEnv,
  memoryAuditSink,
  storeGrant,
} from 'ledgerbridge';
import { quickbooks, quickbooksOAuth } from 'ledgerbridge/quickbooks';
import { createQuickBooksSimulator } from 'ledgerbridge/quickbooks/testing';
import { setupServer } from 'msw/node';

// Key-encryption keys come from the environment (a secret manager in production):
//   LEDGERBRIDGE_VAULT_KEY_1=$(openssl rand -base64 32)  LEDGERBRIDGE_VAULT_PRIMARY=1
// This demo makes throwaway ones so it runs anywhere.
const env = { LEDGERBRIDGE_VAULT_KEY_1: randomBytes(32).toString('base64'), LEDGERBRIDGE_VAULT_PRIMARY: '1' };
const keyRing = localKeyRingFromEnv('LEDGERBRIDGE_VAULT', env);
const vaultDir = mkdtempSync(join(tmpdir(), 'ledgerbridge-example-vault-'));
const store = fileSecretStore({ dir: vaultDir });
const vault = createEncryptedVault({ store, keyRing });

const simulator = createQuickBooksSimulator();
const server = setupServer(...simulator.handlers);
server.listen({ onUnhandledRequest: 'error' });
const { clientId, clientSecret } = simulator.credentials; // your Intuit app's, from the developer portal

try {
  // 1. Connect a clinic's company: authorization URL with PKCE and state, consent, code exchange.
  const intuit = quickbooksOAuth({ clientId, clientSecret });
  const redirectUri = 'https://clinic-app.example/oauth/quickbooks/callback';
  const request = await intuit.authorizationRequest({ redirectUri });
  // Keep request.state and request.codeVerifier in the user's server-side session until the callback.
  const callback = simulator.oauth.authorize(request.url); // the simulator plays the user clicking "Connect"
  const tokens = await intuit.exchangeCode({
    callback,
    expectedState: request.state,
    codeVerifier: request.codeVerifier,
    redirectUri,
  });
  const key = { tenantId: 'clinic-42', connectionId: 'qbo-main' };
  const stored = await storeGrant(vault, key, tokens); // realm id included as providerTenantId
  console.log(
    'connected: record version',
    stored.version,
    'sealed as',
    inspectSealedRecord((await store.get(key))!.sealed),
  );

  // 2. Use it. With clientId/clientSecret the provider refreshes tokens 5 minutes before they expire.
  const audit = memoryAuditSink();
  const ledger = createLedger({ vault, audit, idempotencySecret: 'replace-with-32-bytes-from-your-kms!!' });
  const books = await ledger.connect({ provider: quickbooks({ clientId, clientSecret }), ...key });
  console.log('company:', (await books.company.get()).name);

  // As if an hour had passed: the access token has expired. The next call refreshes first (once, however
  // many calls arrive together), stores the rotated refresh token by compare-and-swap, then proceeds.
  const current = await vault.get(key);
  if (current) {
    const anHourLater = {
      ...current.tokens,
      accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString(),
    };
    await vault.put(key, anHourLater, { expectedVersion: current.version });
  }
  await Promise.all([
    books.company.get(),
    books.invoices.listPage({ pageSize: 5 }),
    books.customers.listPage({ pageSize: 5 }),
  ]);
  const refreshes = audit.records.filter((record) => record.operation === 'auth.refresh');
  console.log(
    'refreshes:',
    refreshes.map((record) => record.outcome),
    'record version now',
    (await vault.get(key))?.version,
  );

  // 3. Rotate the key-encryption key: new records use version 2 at once; re-wrap moves the old ones
  //    (data keys only, token ciphertext untouched); then retire version 1.
  keyRing.rotate(2, randomBytes(32).toString('base64'));
  console.log('re-wrap:', await vault.rewrap());
  const retired = createEncryptedVault({ store, keyRing, minimumKeyVersion: 2 });
  console.log(
    'after retiring key 1, still readable:',
    (await retired.get(key))?.status,
    inspectSealedRecord((await store.get(key))!.sealed),
  );

  // 4. Disconnect: revoke the grant at Intuit, then forget it.
  const last = await retired.get(key);
  if (last?.tokens.refreshToken)
    await intuit.revoke(last.tokens.refreshToken, { tokenTypeHint: 'refresh_token' });
  await retired.delete(key);
  console.log('disconnected; connections left:', await retired.list('clinic-42'));
} finally {
  server.close();
  rmSync(vaultDir, { recursive: true, force: true });
}
