/**
 * Price facet buckets in minor units. Bucket i (PostgreSQL `width_bucket(price, boundaries)`) is
 * [boundaries[i-1], boundaries[i] - 1]; bucket 0 starts at 0 and the last one has no upper bound.
 * Bounds are inclusive, like the `minPrice`/`maxPrice` filters, so a bucket can be applied as a filter.
 */
export const PRICE_BOUNDARIES: readonly number[] = [1000, 2500, 5000, 10000, 25000, 50000, 100000];

export interface PriceRange {
  min: number;
  max: number | null;
  count: number;
}

export function priceRangeOf(bucket: number, boundaries: readonly number[] = PRICE_BOUNDARIES): Omit<PriceRange, 'count'> {
  if (!Number.isInteger(bucket) || bucket < 0 || bucket > boundaries.length) {
    throw new RangeError(`no price bucket ${bucket}`);
  }
  const min = bucket === 0 ? 0 : boundaries[bucket - 1];
  const max = bucket === boundaries.length ? null : boundaries[bucket] - 1;
  return { min, max };
}

/** Non-empty buckets, cheapest first. */
export function toPriceRanges(
  counts: { bucket: number; count: number }[],
  boundaries: readonly number[] = PRICE_BOUNDARIES,
): PriceRange[] {
  return counts
    .filter((c) => c.count > 0)
    .sort((a, b) => a.bucket - b.bucket)
    .map((c) => ({ ...priceRangeOf(c.bucket, boundaries), count: c.count }));
}
