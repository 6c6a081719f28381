import { normalizePrefix, prefixUpperBound, searchWords } from './search-text';

describe('searchWords', () => {
  it('keeps lower-case words of letters and digits, once each', () => {
    expect(searchWords('Brown LEATHER jacket, leather! 42')).toEqual(['brown', 'leather', 'jacket', '42']);
  });

  it('drops tsquery syntax entirely', () => {
    expect(searchWords("a & !b | c:* <-> 'd'")).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps accented and non-Latin letters', () => {
    expect(searchWords('Crème brûlée 鞋')).toEqual(['crème', 'brûlée', '鞋']);
  });

  it('caps the number of words', () => {
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('is empty for nothing searchable', () => {
    expect(searchWords(undefined)).toEqual([]);
    expect(searchWords(' -- !! ')).toEqual([]);
  });
});

describe('suggest prefixes', () => {
  it('normalise like the stored terms', () => {
    expect(normalizePrefix('  Leather   Ja')).toBe('leather ja');
  });

  it('bound the index range just above the prefix', () => {
    expect(prefixUpperBound('lea')).toBe('leb');
    expect(prefixUpperBound('leather ')).toBe('leather!');
    expect('leather jacket' < prefixUpperBound('leather ')).toBe(true);
    expect('leathers' < prefixUpperBound('leather ')).toBe(false);
  });
});
