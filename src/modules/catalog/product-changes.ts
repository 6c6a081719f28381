import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { ProductArchived, ProductChanged, ProductPublished, VariantUpserted } from './catalog.events';
import { ListingProjector } from './listing-projector';
import type { Product, ProductStatus } from './product.entity';
import { Variant } from './variant.entity';
import { variantDisplayName } from './variant-rules';

export interface ProductChange {
  /** The product as it is now (already written). */
  product: Product;
  /** Its status before the change; null when it was just created. */
  previousStatus: ProductStatus | null;
  previousSlug?: string;
  /** Variants whose facts changed; every live variant is announced when the status or name changed. */
  variants?: Variant[];
  nameChanged?: boolean;
}

/**
 * The tail of every product write, in its transaction: the events other modules keep their copies
 * from, the read model, and the cache-invalidation event that follows the commit.
 */
@Injectable()
export class ProductChanges {
  constructor(
    private readonly events: EventBus,
    private readonly projector: ListingProjector,
  ) {}

  async record(tx: EntityManager, change: ProductChange): Promise<void> {
    const { product, previousStatus } = change;
    const statusChanged = previousStatus !== product.status;
    // Read back from the database: option values come out in jsonb's order, the same for every reader.
    const announced = await tx.find(Variant, {
      where:
        statusChanged || change.nameChanged
          ? { productId: product.id, deletedAt: IsNull() }
          : { id: In((change.variants ?? []).map((v) => v.id)) },
      order: { position: 'ASC', id: 'ASC' },
    });
    for (const variant of announced) {
      await this.events.publish(tx, this.variantUpserted(product, variant));
    }
    if (statusChanged && product.status === 'published') {
      await this.events.publish(tx, new ProductPublished({ productId: product.id, slug: product.slug, name: product.name }));
    }
    if (statusChanged && product.status === 'archived') {
      await this.events.publish(
        tx,
        new ProductArchived({ productId: product.id, variantIds: announced.map((v) => v.id), skus: announced.map((v) => v.sku) }),
      );
    }
    await this.projector.refresh(tx, [product.id]);
    await this.events.publish(
      tx,
      new ProductChanged({
        productId: product.id,
        slug: product.slug,
        ...(change.previousSlug && change.previousSlug !== product.slug ? { previousSlug: change.previousSlug } : {}),
      }),
    );
  }

  /** `sellable`: the product is published and the variant not deleted. */
  private variantUpserted(product: Product, variant: Variant): VariantUpserted {
    return new VariantUpserted({
      variantId: variant.id,
      productId: product.id,
      sku: variant.sku,
      name: variantDisplayName(product.name, variant.options),
      price: { amount: variant.price, currency: variant.currency },
      sellable: product.status === 'published' && variant.deletedAt === null,
    });
  }
}
