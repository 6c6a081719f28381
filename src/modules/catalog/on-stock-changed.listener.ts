import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { OnEvent, OnEventAsync } from '../../common/events/event-handler.decorators';
import { StockChanged } from '../inventory/inventory.events';
import { CatalogCache } from './catalog-cache';
import { ProductChanged, VariantStockFlipped } from './catalog.events';
import { ListingProjector } from './listing-projector';

interface VariantOfSku {
  productId: string;
  slug: string;
}

/** The catalog's availability projection, fed by inventory. */
@Injectable()
export class OnStockChangedListener {
  constructor(
    private readonly projector: ListingProjector,
    private readonly cache: CatalogCache,
    private readonly events: EventBus,
  ) {}

  /**
   * In inventory's transaction: the projection commits with the stock change itself. Lists show
   * only whether a variant is in stock, so only a flip (rare next to the quantity moving with every
   * order) asks for the listing to be re-projected. Inventory's row lock on the SKU orders these
   * updates, so `previous` is the value the last change left.
   */
  @OnEvent(StockChanged)
  async project(event: StockChanged, tx: EntityManager): Promise<void> {
    const { sku, available, inStock } = event.payload;
    const [{ flipped }] = (await tx.query(
      `WITH previous AS (SELECT in_stock FROM catalog.variant_availability WHERE sku = $1),
       written AS (
         INSERT INTO catalog.variant_availability (sku, available, in_stock, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available, in_stock = EXCLUDED.in_stock, updated_at = now()
         RETURNING in_stock
       )
       SELECT COALESCE((SELECT in_stock FROM previous), false) <> (SELECT in_stock FROM written) AS flipped`,
      [sku, available, inStock],
    )) as { flipped: boolean }[];
    if (flipped) await this.events.publish(tx, new VariantStockFlipped({ sku, inStock }));
  }

  /** After commit: product pages show the quantity, so their cache goes (twice does no harm). */
  @OnEventAsync(StockChanged, { repeatable: true })
  async dropDetail(event: StockChanged, db: EntityManager): Promise<void> {
    const variant = await this.variantOf(db, event.payload.sku);
    if (variant) await this.cache.invalidateDetail(variant.productId);
  }

  /** Re-projects the listing (locking the product, after any writer); list caches go if it changed. */
  @OnEventAsync(VariantStockFlipped)
  async refreshListing(event: VariantStockFlipped, tx: EntityManager): Promise<void> {
    const variant = await this.variantOf(tx, event.payload.sku);
    if (variant && (await this.projector.refresh(tx, [variant.productId])) > 0) {
      await this.events.publish(tx, new ProductChanged({ productId: variant.productId, slug: variant.slug }));
    }
  }

  private async variantOf(tx: EntityManager, sku: string): Promise<VariantOfSku | undefined> {
    const [variant] = (await tx.query(
      `SELECT v.product_id AS "productId", p.slug FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id
       WHERE v.sku = $1`,
      [sku],
    )) as VariantOfSku[];
    return variant;
  }
}
