import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import {
  netsuiteHostLabel,
  netsuiteOAuthEndpoints,
  netsuiteRealm,
  netsuiteRestHost,
  netsuiteTokenBasedAuthorization,
} from '../../providers/netsuite/auth.js';
import { percentEncode, signatureBaseString, signOAuth1Request } from '../../src/auth/oauth1-signature.js';
import { ConfigurationError } from '../../src/http/errors.js';

function parseHeader(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  return Object.fromEntries(
    header
      .slice('OAuth '.length)
      .split(',')
      .map((pair) => {
        const match = /^([^=]+)="([^"]*)"$/.exec(pair.trim());
        if (!match) throw new Error(`bad pair ${pair}`);
        return [decodeURIComponent(match[1]!), decodeURIComponent(match[2]!)];
      }),
  );
}

describe('OAuth 1.0a signatures (RFC 5849)', () => {
  it('builds the signature base string of RFC 5849 §3.4.1.1 exactly', () => {
    const base = signatureBaseString(
      {
        method: 'POST',
        url: 'http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b',
        formBody: new URLSearchParams('c2&a3=2+q'),
      },
      {
        oauth_consumer_key: '9djdj82h48djs9d2',
        oauth_token: 'kkk9d7dh3k39sjv7',
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: '137131201',
        oauth_nonce: '7d8f3e4a',
        realm: 'Example',
        oauth_signature: 'ignored',
      },
    );
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('reproduces the signed request of RFC 5849 §1.2 (HMAC-SHA1)', () => {
    const header = signOAuth1Request(
      { method: 'GET', url: 'http://photos.example.net/photos?file=vacation.jpg&size=original' },
      {
        consumerKey: 'dpf43f3p2l4k3l03',
        consumerSecret: 'kd94hf93k423kf44',
        token: 'nnch734d00sl2jdk',
        tokenSecret: 'pfkkdhi9sl3r4s00',
      },
      {
        realm: 'Photos',
        signatureMethod: 'HMAC-SHA1',
        nonce: 'chapoH',
        timestamp: 137131202,
        includeVersion: false,
      },
    );
    expect(parseHeader(header)).toEqual({
      realm: 'Photos',
      oauth_consumer_key: 'dpf43f3p2l4k3l03',
      oauth_token: 'nnch734d00sl2jdk',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '137131202',
      oauth_nonce: 'chapoH',
      oauth_signature: 'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
    });
    expect(header).toContain('oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"');
  });

  it('signs HMAC-SHA256 as an independent HMAC implementation computes it', () => {
    const credentials = { consumerKey: 'ck', consumerSecret: 'c&s ~é', token: 'tk', tokenSecret: 't+s/' };
    const request = {
      method: 'post',
      url: 'https://1234567-sb1.suitetalk.api.netsuite.com:443/services/rest/record/v1/customer?q=a b&limit=5',
    };
    const header = parseHeader(
      signOAuth1Request(request, credentials, {
        nonce: 'n0nce',
        timestamp: 1_700_000_000,
        realm: '1234567_SB1',
      }),
    );
    const { realm, oauth_signature: signature, ...protocol } = header;
    expect(realm).toBe('1234567_SB1');
    expect(protocol).toMatchObject({ oauth_signature_method: 'HMAC-SHA256', oauth_version: '1.0' });
    const base = signatureBaseString(request, protocol);
    // Default port dropped, host lower-cased, method upper-cased, realm not signed.
    expect(base.startsWith('POST&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices')).toBe(
      true,
    );
    expect(base).not.toContain('realm');
    const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`;
    expect(key).toBe('c%26s%20~%C3%A9&t%2Bs%2F');
    expect(signature).toBe(
      Buffer.from(hmac(sha256, new TextEncoder().encode(key), new TextEncoder().encode(base))).toString(
        'base64',
      ),
    );
  });

  it('percent-encodes per RFC 3986 unreserved characters only', () => {
    expect(percentEncode("AZaz09-._~!*'() /+=&%é")).toBe('AZaz09-._~%21%2A%27%28%29%20%2F%2B%3D%26%25%C3%A9');
  });

  it('uses a fresh nonce and the current time by default', () => {
    const credentials = { consumerKey: 'a', consumerSecret: 'b', token: 'c', tokenSecret: 'd' };
    const first = parseHeader(signOAuth1Request({ method: 'GET', url: 'https://example.com/' }, credentials));
    const second = parseHeader(
      signOAuth1Request({ method: 'GET', url: 'https://example.com/' }, credentials),
    );
    expect(first.oauth_nonce).not.toBe(second.oauth_nonce);
    expect(Math.abs(Number(first.oauth_timestamp) - Date.now() / 1000)).toBeLessThan(5);
  });
});

describe('NetSuite account ids, hosts and realms', () => {
  it('normalises account ids for hosts and for the TBA realm', () => {
    expect(netsuiteHostLabel('1234567_SB1')).toBe('1234567-sb1');
    expect(netsuiteHostLabel('1234567')).toBe('1234567');
    expect(netsuiteRealm('1234567-sb1')).toBe('1234567_SB1');
    expect(netsuiteRealm('1234567_SB1')).toBe('1234567_SB1');
    expect(netsuiteRestHost('1234567_SB1')).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(netsuiteOAuthEndpoints('1234567_SB1')).toMatchObject({
      authorizationEndpoint: 'https://1234567-sb1.app.netsuite.com/app/login/oauth2/authorize.nl',
      tokenEndpoint: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token',
    });
    for (const bad of ['', '1234567.evil.com/x', '12_', 'a b']) {
      expect(() => netsuiteHostLabel(bad)).toThrow(ConfigurationError);
    }
  });

  it('signs TBA requests with HMAC-SHA256 and the account realm', () => {
    const sign = netsuiteTokenBasedAuthorization('1234567-sb1', {
      consumerKey: 'ck',
      consumerSecret: 'cs',
      token: 'tid',
      tokenSecret: 'ts',
    });
    const header = parseHeader(
      sign({ method: 'GET', url: `${netsuiteRestHost('1234567_SB1')}/services/rest/record/v1/customer/42` }),
    );
    expect(header).toMatchObject({
      realm: '1234567_SB1',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_version: '1.0',
      oauth_token: 'tid',
    });
    expect(Buffer.from(header.oauth_signature!, 'base64')).toHaveLength(32);
  });
});
