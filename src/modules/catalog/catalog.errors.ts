import { DomainError, NotFoundError } from '../../common/errors/domain-error';

export class ProductNotFoundError extends NotFoundError {
  constructor() {
    super('Product', 'CATALOG.PRODUCT_NOT_FOUND');
  }
}

export class VariantNotFoundError extends NotFoundError {
  constructor() {
    super('Variant', 'CATALOG.VARIANT_NOT_FOUND');
  }
}

export class CategoryNotFoundError extends NotFoundError {
  constructor() {
    super('Category', 'CATALOG.CATEGORY_NOT_FOUND');
  }
}

export class SlugTakenError extends DomainError {
  constructor(slug: string) {
    super('conflict', 'CATALOG.SLUG_TAKEN', `The slug "${slug}" is already in use`, { slug });
  }
}

export class SkuTakenError extends DomainError {
  constructor(skus: string[]) {
    super('conflict', 'CATALOG.SKU_TAKEN', `SKU already in use: ${skus.join(', ')}`, { skus });
  }
}

/** A category named as parent or product category does not exist. */
export class UnknownCategoryError extends DomainError {
  constructor(field: string) {
    super('invalid', 'CATALOG.UNKNOWN_CATEGORY', 'The category does not exist', {
      errors: [{ field, message: `${field} does not name an existing category` }],
    });
  }
}

export class CategoryCycleError extends DomainError {
  constructor() {
    super('conflict', 'CATALOG.CATEGORY_CYCLE', 'A category cannot be moved under itself or one of its descendants');
  }
}

export class CategoryInUseError extends DomainError {
  constructor(reason: 'products' | 'children') {
    super(
      'conflict',
      reason === 'products' ? 'CATALOG.CATEGORY_HAS_PRODUCTS' : 'CATALOG.CATEGORY_HAS_CHILDREN',
      `The category still has ${reason === 'products' ? 'products' : 'subcategories'}`,
    );
  }
}

/** A product keeps at least one variant: it is what shoppers buy. */
export class LastVariantError extends DomainError {
  constructor() {
    super('conflict', 'CATALOG.LAST_VARIANT', 'The last variant of a product cannot be deleted; archive the product instead');
  }
}

export class ReviewNotAllowedError extends DomainError {
  constructor() {
    super('forbidden', 'CATALOG.REVIEW_REQUIRES_PURCHASE', 'Only customers who bought this product may review it');
  }
}

export class AlreadyReviewedError extends DomainError {
  constructor() {
    super('conflict', 'CATALOG.ALREADY_REVIEWED', 'You have already reviewed this product');
  }
}
