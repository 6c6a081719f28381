import { ValidationFailedError } from '../../common/errors/domain-error';
import { decodeSearchCursor, nextSearchCursor, toFacets } from './search-results';

describe('search paging', () => {
  it('starts at 0 and follows the cursor it hands out', () => {
    expect(decodeSearchCursor(undefined, 'relevance')).toBe(0);
    const next = nextSearchCursor(0, 20, 45, 'relevance');
    expect(decodeSearchCursor(next!, 'relevance')).toBe(20);
    expect(nextSearchCursor(40, 20, 45, 'relevance')).toBeNull();
  });

  it('stops at the first 1,000 matches', () => {
    expect(nextSearchCursor(980, 20, 5000, 'relevance')).toBeNull();
  });

  it('refuses a cursor of another sort or out of range', () => {
    const next = nextSearchCursor(0, 20, 45, 'price')!;
    expect(() => decodeSearchCursor(next, 'relevance')).toThrow(ValidationFailedError);
    expect(() => decodeSearchCursor(Buffer.from('{"o":5000,"s":"price"}').toString('base64url'), 'price')).toThrow(
      ValidationFailedError,
    );
  });
});

describe('toFacets', () => {
  it('groups attribute values under their key and turns buckets into price ranges', () => {
    const facets = toFacets({
      categories: [{ slug: 'men', name: 'Men', count: 3 }],
      prices: [{ bucket: 1, count: 2 }, { bucket: 0, count: 1 }],
      attributes: [
        { key: 'brand', value: 'acme', count: 2 },
        { key: 'brand', value: 'zeta', count: 1 },
        { key: 'colour', value: 'red', count: 3 },
      ],
    });
    expect(facets.categories).toEqual([{ slug: 'men', name: 'Men', count: 3 }]);
    expect(facets.priceRanges).toEqual([
      { min: 0, max: 999, count: 1 },
      { min: 1000, max: 2499, count: 2 },
    ]);
    expect(facets.attributes).toEqual([
      { key: 'brand', values: [{ value: 'acme', count: 2 }, { value: 'zeta', count: 1 }] },
      { key: 'colour', values: [{ value: 'red', count: 3 }] },
    ]);
  });
});
