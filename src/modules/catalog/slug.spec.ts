import { firstFreeSlug, isUuid, isValidSlug, slugify } from './slug';

describe('slugify', () => {
  it('lower-cases and joins words with single hyphens', () => {
    expect(slugify('  Brown Leather   Jacket!! ')).toBe('brown-leather-jacket');
  });

  it('drops accents and spells out letters without a decomposition', () => {
    expect(slugify('Crème brûlée Straße Ærø')).toBe('creme-brulee-strasse-aero');
  });

  it('keeps digits and collapses punctuation', () => {
    expect(slugify('T-Shirt (Size 42) & more')).toBe('t-shirt-size-42-more');
  });

  it('falls back when nothing URL-safe is left', () => {
    expect(slugify('商品', 'product')).toBe('product');
  });

  it('cuts long names without leaving a trailing hyphen', () => {
    const slug = slugify('a'.repeat(79) + ' bbb', 'x', 80);
    expect(slug).toBe('a'.repeat(79));
  });
});

describe('isValidSlug', () => {
  it('accepts lower-case hyphenated words', () => {
    expect(isValidSlug('leather-jacket-2')).toBe(true);
  });

  it.each(['Leather', 'double--hyphen', '-lead', 'trail-', 'space here', ''])('refuses %p', (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });

  it('refuses a slug shaped like an id, so /products/{idOrSlug} is never ambiguous', () => {
    expect(isUuid('0190a3c2-1111-7222-8333-444455556666')).toBe(true);
    expect(isValidSlug('0190a3c2-1111-7222-8333-444455556666')).toBe(false);
  });
});

describe('firstFreeSlug', () => {
  it('keeps the base when it is free', () => {
    expect(firstFreeSlug('jacket', new Set(['coat']))).toBe('jacket');
  });

  it('numbers the base from 2 until one is free', () => {
    expect(firstFreeSlug('jacket', new Set(['jacket', 'jacket-2', 'jacket-3']))).toBe('jacket-4');
  });
});
