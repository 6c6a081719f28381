import { buildSearchQuery, buildSuggestQuery } from './search-sql';

describe('buildSearchQuery', () => {
  const request = {
    words: ["o'reilly", 'jacket'],
    filters: { category: 'men', minPrice: 1000, inStock: true, attributes: { brand: ['acme'], colour: ['red', 'blue'] } },
    sort: 'relevance' as const,
    offset: 20,
    limit: 10,
  };

  it('binds every value the client sent', () => {
    const q = buildSearchQuery(request);
    expect(q.text).not.toContain("o'reilly");
    expect(q.text).not.toContain('acme');
    expect(q.values).toEqual(expect.arrayContaining([["o'reilly", 'jacket'], 'men', 1000, true, ['brand=acme'], ['colour=red', 'colour=blue'], 10, 20]));
  });

  it('ranks in-stock items first, then by text rank', () => {
    expect(buildSearchQuery(request).text).toContain('ORDER BY m.in_stock DESC, m.rank DESC');
  });

  it('leaves each facet its own filter out and applies the others', () => {
    const text = buildSearchQuery(request).text.replace(/\s+/g, ' ');
    expect(text).toContain('FROM m WHERE category_id IS NOT NULL AND f_price AND f_stock AND f_attr0 AND f_attr1 GROUP BY 1');
    expect(text).toContain('FROM m WHERE f_category AND f_stock AND f_attr0 AND f_attr1 GROUP BY 1');
    expect(text).toMatch(/WHERE f_category AND f_price AND f_stock AND \(split_part\(pair, '=', 1\) = \$\d+ OR f_attr0\) AND \(split_part\(pair, '=', 1\) = \$\d+ OR f_attr1\)/);
  });

  it('browses without words: no text query at all', () => {
    const text = buildSearchQuery({ ...request, words: [] }).text;
    expect(text).not.toContain('to_tsquery');
    expect(text).toContain('0::real AS rank');
  });
});

describe('buildSuggestQuery', () => {
  it('walks one index range between the prefix and its upper bound', () => {
    const q = buildSuggestQuery('lea', 'leb', 30);
    expect(q.values).toEqual(['lea', 'leb', 30]);
    expect(q.text).toContain('t.term >= $1 AND t.term < $2');
  });
});
