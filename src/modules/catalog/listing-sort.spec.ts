import { ValidationFailedError } from '../../common/errors/domain-error';
import { encodeCursor } from '../../common/http/pagination';
import { decodeListingCursor, encodeListingCursor } from './listing-sort';

const id = '0190a3c2-1111-7222-8333-444455556666';

describe('listing cursors', () => {
  it('round-trip the sort key and id', () => {
    const cursor = encodeListingCursor('price', { key: 1999, id });
    expect(decodeListingCursor(cursor, 'price')).toEqual({ key: 1999, id });
    const byDate = encodeListingCursor('newest', { key: '2025-01-02T03:04:05.123456Z', id });
    expect(decodeListingCursor(byDate, 'newest')).toEqual({ key: '2025-01-02T03:04:05.123456Z', id });
    const lowest = encodeListingCursor('-price', { key: -(2 ** 31), id });
    expect(decodeListingCursor(lowest, '-price')).toEqual({ key: -(2 ** 31), id });
  });

  it('is absent without a cursor', () => {
    expect(decodeListingCursor(undefined, 'name')).toBeUndefined();
  });

  it('refuses a cursor of another sort order', () => {
    const cursor = encodeListingCursor('price', { key: 1999, id });
    expect(() => decodeListingCursor(cursor, '-price')).toThrow(ValidationFailedError);
  });

  it.each([
    ['a text key for a price sort', { s: 'price', k: 'cheap', i: id }, 'price'],
    ['a bad date', { s: 'newest', k: 'yesterday', i: id }, 'newest'],
    ['an id that is not a uuid', { s: 'name', k: 'coat', i: "1' OR 1=1" }, 'name'],
    ['a price past int4', { s: 'price', k: 2 ** 31, i: id }, 'price'],
    ['a rating below int4', { s: 'rating', k: -(2 ** 31) - 1, i: id }, 'rating'],
    ['a fractional price', { s: 'price', k: 19.5, i: id }, 'price'],
    ['a day that does not exist', { s: 'newest', k: '2024-02-30T00:00:00.000000Z', i: id }, 'newest'],
    ['a date Date reads but PostgreSQL does not', { s: 'newest', k: 'x 1', i: id }, 'newest'],
    ['an expanded year', { s: 'newest', k: '+275760-09-13T00:00:00.000000Z', i: id }, 'newest'],
    ['year 0', { s: 'newest', k: '0000-01-01T00:00:00.000000Z', i: id }, 'newest'],
    ['a name with NUL', { s: 'name', k: 'coat\u0000', i: id }, 'name'],
  ] as const)('refuses %s', (_, position, sort) => {
    expect(() => decodeListingCursor(encodeCursor(position), sort)).toThrow(ValidationFailedError);
  });

  it('refuses garbage', () => {
    expect(() => decodeListingCursor('%%%not-base64', 'price')).toThrow(ValidationFailedError);
  });
});
