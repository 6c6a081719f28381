import { ValidationFailedError } from '../errors/domain-error';
import { decodeCursor, decodeIdCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trips a keyset position', () => {
    const position = { createdAt: '2026-01-01T00:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a cursor that was not ours', () => {
    expect(() => decodeCursor('not-json')).toThrow(ValidationFailedError);
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(ValidationFailedError);
  });

  it('refuses a position holding text no column could store', () => {
    expect(() => decodeCursor(encodeCursor({ sku: 'a\u0000' }))).toThrow(ValidationFailedError);
    expect(() => decodeCursor(encodeCursor({ sku: '\ud800' }))).toThrow(ValidationFailedError);
  });

  it('reads an id cursor only when it holds a UUID', () => {
    const id = '0190a3c2-1111-7222-8333-444455556666';
    expect(decodeIdCursor(encodeCursor({ id }))).toBe(id);
    expect(decodeIdCursor(undefined)).toBeUndefined();
    for (const position of [{ id: 'x' }, { id: 5 }, { id: {} }, { id: ['a'] }, {}]) {
      expect(() => decodeIdCursor(encodeCursor(position))).toThrow(ValidationFailedError);
    }
  });
});
