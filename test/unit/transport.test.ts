import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, isLedgerError } from '../../src/http/errors.js';
import { createTransport } from '../../src/http/transport.js';

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerbridge-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const pair = {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
  rmSync(dir, { recursive: true, force: true });
  return pair;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`https://localhost:${typeof address === 'object' && address ? address.port : 0}/`);
    });
  });
}

describe('transport security', () => {
  const { key, cert } = selfSignedCertificate();
  const modern = createServer({ key, cert }, (_request, response) => response.end('{"ok":true}'));
  const legacy = createServer(
    { key, cert, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' },
    (_request, response) => response.end('{}'),
  );
  let modernUrl = '';
  let legacyUrl = '';
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    modernUrl = await listen(modern);
    legacyUrl = await listen(legacy);
  });
  afterAll(() => {
    modern.close();
    legacy.close();
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
  });

  it('refuses plain http, even to loopback, unless the caller opts in', async () => {
    const transport = createTransport();
    await expect(
      transport.send({ method: 'GET', url: new URL('http://127.0.0.1:1/'), headers: {} }),
    ).rejects.toThrow(ConfigurationError);
    await expect(
      createTransport({ allowInsecureLoopback: true }).send({
        method: 'GET',
        url: new URL('http://example.com/'),
        headers: {},
      }),
    ).rejects.toThrow(ConfigurationError);
  });

  it('verifies certificates even when the process disables verification', async () => {
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const error = await createTransport()
      .send({ method: 'GET', url: new URL(modernUrl), headers: {} })
      .catch((caught: unknown) => caught);
    expect(isLedgerError(error) && error.code).toBe('network_error');
  });

  it('accepts the server once its CA is trusted explicitly', async () => {
    const response = await createTransport({ tls: { ca: cert } }).send({
      method: 'GET',
      url: new URL(modernUrl),
      headers: {},
    });
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"ok":true}');
  });

  it('refuses TLS below 1.2 even with a trusted certificate', async () => {
    const error = await createTransport({ tls: { ca: cert } })
      .send({ method: 'GET', url: new URL(legacyUrl), headers: {} })
      .catch((caught: unknown) => caught);
    expect(isLedgerError(error) && error.code).toBe('network_error');
  });

  it('drops the URL and socket details from network errors', async () => {
    const error = await createTransport()
      .send({ method: 'GET', url: new URL('https://127.0.0.1:1/v3/company/1/query?secret=abc'), headers: {} })
      .catch((caught: unknown) => caught);
    expect(isLedgerError(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('secret');
    expect(String((error as Error).stack)).not.toContain('127.0.0.1');
    expect((error as Error).cause).toBeUndefined();
  });
});
