import { ValidationFailedError, type FieldError } from '../../common/errors/domain-error';

/** What carts and orders call a variant: "Leather jacket (M, blue)", or the product name alone. */
export function variantDisplayName(productName: string, options: Record<string, string>): string {
  const values = Object.values(options).filter((v) => v.trim() !== '');
  return values.length ? `${productName} (${values.join(', ')})` : productName;
}

/** A compare-at ("was") price only makes sense above the price. */
export function compareAtPriceProblem(price: number, compareAtPrice: number | null | undefined, field: string): FieldError | null {
  if (compareAtPrice === null || compareAtPrice === undefined || compareAtPrice > price) return null;
  return { field, message: 'compareAtPrice must be greater than price' };
}

/** SKUs of one request must differ from each other (the database then checks the catalog). */
export function duplicateSkuProblems(skus: string[]): FieldError[] {
  const seen = new Set<string>();
  return skus.flatMap((sku, i) => {
    if (!seen.has(sku)) {
      seen.add(sku);
      return [];
    }
    return [{ field: `variants.${i}.sku`, message: `sku ${sku} appears twice` }];
  });
}

export function assertNoProblems(problems: (FieldError | null)[]): void {
  const errors = problems.filter((p): p is FieldError => p !== null);
  if (errors.length) throw new ValidationFailedError(errors);
}
