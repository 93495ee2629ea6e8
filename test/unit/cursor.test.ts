import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/engine/cursor.js';
import { ValidationError } from '../../src/http/errors.js';

describe('list cursors', () => {
  it('round-trip the page state for the same resource and filter', () => {
    const cursor = encodeCursor('invoices', { status: 'open' }, { startPosition: 1001 });
    expect(decodeCursor(cursor, 'invoices', { status: 'open' }, 'invoices.list')).toEqual({
      startPosition: 1001,
    });
  });

  it('do not carry the filter values', () => {
    const cursor = encodeCursor('customers', { nameStartsWith: 'Jane Doe' }, { startPosition: 2 });
    expect(Buffer.from(cursor, 'base64url').toString()).not.toContain('Jane');
  });

  it('refuse a cursor from another filter, another resource or garbage', () => {
    const cursor = encodeCursor('invoices', { status: 'open' }, { startPosition: 1001 });
    for (const [resource, filter, text] of [
      ['invoices', { status: 'paid' }, cursor],
      ['bills', { status: 'open' }, cursor],
      ['invoices', { status: 'open' }, 'not-a-cursor'],
      ['invoices', { status: 'open' }, Buffer.from('{"v":1,"f":"x","s":[]}').toString('base64url')],
    ] as const) {
      expect(() => decodeCursor(text, resource, filter, 'invoices.list')).toThrow(ValidationError);
    }
  });
});
