import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { OnEvent, OnEventAsync } from '../../common/events/event-handler.decorators';
import { StockChanged } from '../inventory/inventory.events';
import { CatalogCache } from './catalog-cache';
import { ProductChanged } from './catalog.events';
import { ListingProjector } from './listing-projector';

/** The catalog's availability projection, fed by inventory. */
@Injectable()
export class OnStockChangedListener {
  constructor(
    private readonly projector: ListingProjector,
    private readonly cache: CatalogCache,
    private readonly events: EventBus,
  ) {}

  /** In inventory's transaction: the projection commits with the stock change itself. */
  @OnEvent(StockChanged)
  async project(event: StockChanged, tx: EntityManager): Promise<void> {
    const { sku, available, inStock } = event.payload;
    await tx.query(
      `INSERT INTO catalog.variant_availability (sku, available, in_stock, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available, in_stock = EXCLUDED.in_stock, updated_at = now()`,
      [sku, available, inStock],
    );
  }

  /**
   * After commit: product pages show the quantity, so their cache goes; lists show only whether a
   * variant is in stock, so the listing is re-projected (locking the product, after any writer) and
   * list caches go only when that changed it.
   */
  @OnEventAsync(StockChanged)
  async refresh(event: StockChanged, tx: EntityManager): Promise<void> {
    const [variant] = (await tx.query(
      `SELECT v.product_id AS "productId", p.slug FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id
       WHERE v.sku = $1`,
      [event.payload.sku],
    )) as { productId: string; slug: string }[];
    if (!variant) return;
    await this.cache.invalidateDetail(variant.productId);
    if ((await this.projector.refresh(tx, [variant.productId])) > 0) {
      await this.events.publish(tx, new ProductChanged({ productId: variant.productId, slug: variant.slug }));
    }
  }
}
