import { Injectable } from '@nestjs/common';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { CatalogCache } from './catalog-cache';
import { CategoryTreeChanged, ProductChanged } from './catalog.events';

/** Drops cached reads after a change has committed (the events come through the outbox). */
@Injectable()
export class CacheInvalidationListener {
  constructor(private readonly cache: CatalogCache) {}

  @OnEventAsync(ProductChanged)
  async onProductChanged(event: ProductChanged): Promise<void> {
    const { productId, slug, previousSlug } = event.payload;
    await this.cache.invalidateProduct(productId, previousSlug ? [slug, previousSlug] : [slug]);
  }

  @OnEventAsync(CategoryTreeChanged)
  async onCategoryTreeChanged(): Promise<void> {
    await this.cache.invalidateTree();
  }
}
