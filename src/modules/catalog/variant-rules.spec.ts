import { ValidationFailedError } from '../../common/errors/domain-error';
import { assertNoProblems, compareAtPriceProblem, duplicateSkuProblems, variantDisplayName } from './variant-rules';

describe('variantDisplayName', () => {
  it('appends the option values in their order', () => {
    expect(variantDisplayName('Leather jacket', { size: 'M', colour: 'blue' })).toBe('Leather jacket (M, blue)');
  });

  it('is the product name when there are no options', () => {
    expect(variantDisplayName('Gift card', {})).toBe('Gift card');
  });
});

describe('variant rules', () => {
  it('accepts a compare-at price above the price, or none', () => {
    expect(compareAtPriceProblem(1000, 1200, 'x')).toBeNull();
    expect(compareAtPriceProblem(1000, null, 'x')).toBeNull();
    expect(compareAtPriceProblem(1000, undefined, 'x')).toBeNull();
  });

  it('refuses a compare-at price at or below the price', () => {
    expect(compareAtPriceProblem(1000, 1000, 'variants.0.compareAtPrice')).toEqual({
      field: 'variants.0.compareAtPrice',
      message: 'compareAtPrice must be greater than price',
    });
  });

  it('names each repeated SKU of a request', () => {
    expect(duplicateSkuProblems(['A', 'B', 'A', 'A'])).toEqual([
      { field: 'variants.2.sku', message: 'sku A appears twice' },
      { field: 'variants.3.sku', message: 'sku A appears twice' },
    ]);
  });

  it('throws a validation error listing every problem', () => {
    expect(() => assertNoProblems([null])).not.toThrow();
    expect(() => assertNoProblems([{ field: 'a', message: 'b' }])).toThrow(ValidationFailedError);
  });
});
