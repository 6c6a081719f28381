import { DomainEvent } from '../../common/events/domain-event';
import type { Money } from '../../common/money';

/** A product became visible to shoppers. */
export class ProductPublished extends DomainEvent<{ productId: string; slug: string; name: string }> {
  static override readonly eventName = 'catalog.product-published';
}

/**
 * A variant was created or changed (price, name, options, product status). `sellable` is false when
 * the variant or its product may not be bought (draft, archived, deleted variant). Inventory creates
 * the stock item from it; the cart keeps its price book from it.
 */
export class VariantUpserted extends DomainEvent<{
  variantId: string;
  productId: string;
  sku: string;
  /** Product name and option values, e.g. "Leather jacket (M, blue)". */
  name: string;
  price: Money;
  sellable: boolean;
}> {
  static override readonly eventName = 'catalog.variant-upserted';
}

/** A product was archived: none of its variants is sellable any more. */
export class ProductArchived extends DomainEvent<{ productId: string; variantIds: string[]; skus: string[] }> {
  static override readonly eventName = 'catalog.product-archived';
}

/** Anything about a product that a cached read shows changed (cache invalidation). */
export class ProductChanged extends DomainEvent<{ productId: string; slug: string; previousSlug?: string }> {
  static override readonly eventName = 'catalog.product-changed';
}

/** A variant went in or out of stock, so what lists show of its product changed (re-projection). */
export class VariantStockFlipped extends DomainEvent<{ sku: string; inStock: boolean }> {
  static override readonly eventName = 'catalog.variant-stock-flipped';
}

/** The category tree changed (cache invalidation). */
export class CategoryTreeChanged extends DomainEvent<{ categoryId: string }> {
  static override readonly eventName = 'catalog.category-tree-changed';
}
