import { buildListQuery } from './listing-query';

const id = '0190a3c2-1111-7222-8333-444455556666';

describe('buildListQuery', () => {
  it('walks the sort index with no filter', () => {
    const q = buildListQuery({ attributes: {} }, 'newest', undefined, 20);
    expect(q.text).toContain('ORDER BY l.published_at DESC, l.product_id DESC');
    expect(q.text).toContain('JOIN catalog.product_cards c ON c.product_id = page.id');
    expect(q.text).not.toContain('WHERE');
    expect(q.values).toEqual([21]);
  });

  it('binds every filter value as a parameter', () => {
    const q = buildListQuery(
      { category: 'shoes', minPrice: 1000, maxPrice: 5000, inStock: true, attributes: { brand: ['acme', "o'neil"] } },
      'price',
      { key: 2500, id },
      10,
    );
    expect(q.text).toContain('l.category_keys @> ARRAY[$1::text]');
    expect(q.text).toContain('l.min_price >= $2 AND l.min_price <= $3');
    expect(q.text).toContain('l.in_stock = $4');
    expect(q.text).toContain('l.attr_pairs && $5::text[]');
    expect(q.text).toContain('(l.min_price, l.product_id) > ($6::integer, $7::uuid)');
    expect(q.text).not.toContain("o'neil");
    expect(q.values).toEqual(['shoes', 1000, 5000, true, ['brand=acme', "brand=o'neil"], 2500, id, 11]);
  });

  it('walks backwards for descending sorts', () => {
    const q = buildListQuery({ attributes: {} }, '-price', { key: 2500, id }, 5);
    expect(q.text).toContain('(l.min_price, l.product_id) < ($1::integer, $2::uuid)');
    expect(q.text).toContain('ORDER BY l.min_price DESC, l.product_id DESC');
  });

  it('compares timestamps at full precision', () => {
    const q = buildListQuery({ attributes: {} }, 'newest', { key: '2025-01-02T03:04:05.123456Z', id }, 5);
    expect(q.text).toContain('(l.published_at, l.product_id) < ($1::timestamptz, $2::uuid)');
    expect(q.text).toContain(`to_char(l.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key`);
  });
});
