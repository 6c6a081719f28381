import { ValidationFailedError } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  it('round-trips a keyset position', () => {
    const position = { createdAt: '2026-01-01T00:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses a cursor that was not ours', () => {
    expect(() => decodeCursor('not-json')).toThrow(ValidationFailedError);
    expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(ValidationFailedError);
  });
});
