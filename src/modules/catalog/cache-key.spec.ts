import { canonicalKey } from './cache-key';

describe('canonicalKey', () => {
  it('ignores the order of parameters and attribute keys, and absent values', () => {
    const a = canonicalKey({ sort: 'price', limit: 20, category: undefined, attributes: { colour: ['red'], brand: ['acme'] } });
    const b = canonicalKey({ attributes: { brand: ['acme'], colour: ['red'] }, limit: 20, sort: 'price' });
    expect(a).toBe(b);
  });

  it('tells different requests apart, including the order of values', () => {
    expect(canonicalKey({ limit: 20 })).not.toBe(canonicalKey({ limit: 21 }));
    expect(canonicalKey({ q: 'a' })).not.toBe(canonicalKey({ cursor: 'a' }));
    expect(canonicalKey({ words: ['a', 'b'] })).not.toBe(canonicalKey({ words: ['b', 'a'] }));
  });
});
