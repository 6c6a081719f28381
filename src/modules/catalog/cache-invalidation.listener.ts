import { Injectable } from '@nestjs/common';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { CatalogCache } from './catalog-cache';
import { CategoryTreeChanged, ProductChanged } from './catalog.events';

/**
 * Drops cached reads after a change has committed (the events come through the outbox). Dropping
 * twice does no harm, so these run without the inbox.
 */
@Injectable()
export class CacheInvalidationListener {
  constructor(private readonly cache: CatalogCache) {}

  @OnEventAsync(ProductChanged, { repeatable: true })
  async onProductChanged(event: ProductChanged): Promise<void> {
    const { productId, slug, previousSlug } = event.payload;
    await this.cache.invalidateProduct(productId, previousSlug ? [slug, previousSlug] : [slug]);
  }

  @OnEventAsync(CategoryTreeChanged, { repeatable: true })
  async onCategoryTreeChanged(): Promise<void> {
    await this.cache.invalidateTree();
  }
}
