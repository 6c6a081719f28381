import { priceRangeOf, toPriceRanges } from './price-buckets';

describe('price buckets', () => {
  const boundaries = [1000, 5000];

  it('maps width_bucket numbers to inclusive ranges', () => {
    expect(priceRangeOf(0, boundaries)).toEqual({ min: 0, max: 999 });
    expect(priceRangeOf(1, boundaries)).toEqual({ min: 1000, max: 4999 });
    expect(priceRangeOf(2, boundaries)).toEqual({ min: 5000, max: null });
  });

  it('refuses a bucket that does not exist', () => {
    expect(() => priceRangeOf(3, boundaries)).toThrow(RangeError);
    expect(() => priceRangeOf(-1, boundaries)).toThrow(RangeError);
  });

  it('lists non-empty buckets cheapest first', () => {
    const ranges = toPriceRanges(
      [
        { bucket: 2, count: 4 },
        { bucket: 0, count: 1 },
        { bucket: 1, count: 0 },
      ],
      boundaries,
    );
    expect(ranges).toEqual([
      { min: 0, max: 999, count: 1 },
      { min: 5000, max: null, count: 4 },
    ]);
  });
});
