import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lengthHidden, PreparedStatement } from '../../common/database/prepared-statement';
import { EventBus } from '../../common/events/event-bus';
import { OnEvent, OnEventAsync, OnEventBatch } from '../../common/events/event-handler.decorators';
import { StockChanged } from '../inventory/inventory.events';
import { CatalogCache } from './catalog-cache';
import { ProductChanged, VariantStockFlipped } from './catalog.events';
import { ListingProjector } from './listing-projector';

interface VariantOfSku {
  productId: string;
  slug: string;
}

const PROJECT_LEVELS = new PreparedStatement<{ sku: string; inStock: boolean }>(
  'catalog.project-stock-levels',
  `WITH incoming AS (
     SELECT * FROM unnest($1::text[], $2::int[], $3::boolean[]) AS t(sku, available, in_stock)
   ),
   previous AS (
     SELECT a.sku, a.in_stock FROM catalog.variant_availability a JOIN incoming USING (sku)
   ),
   written AS (
     INSERT INTO catalog.variant_availability (sku, available, in_stock, updated_at)
     SELECT sku, available, in_stock, now() FROM incoming
     ON CONFLICT (sku) DO UPDATE SET available = EXCLUDED.available, in_stock = EXCLUDED.in_stock, updated_at = now()
     RETURNING sku, in_stock
   )
   SELECT w.sku, w.in_stock AS "inStock" FROM written w LEFT JOIN previous p USING (sku)
   WHERE COALESCE(p.in_stock, false) <> w.in_stock`,
);

const VARIANTS_OF_SKUS = new PreparedStatement<VariantOfSku>(
  'catalog.variants-of-skus',
  `SELECT v.product_id AS "productId", p.slug FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id
   WHERE v.sku = ANY(${lengthHidden('$1', 'text[]')})`,
);

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
   * order) asks for the listing to be re-projected. Inventory's row locks on the SKUs order these
   * updates, so `previous` is the value the last change left.
   */
  @OnEvent(StockChanged)
  async project(event: StockChanged, tx: EntityManager): Promise<void> {
    const { levels } = event.payload;
    const { rows: flipped } = await PROJECT_LEVELS.run(tx, [
      levels.map((l) => l.sku),
      levels.map((l) => l.available),
      levels.map((l) => l.inStock),
    ]);
    for (const { sku, inStock } of flipped) await this.events.publish(tx, new VariantStockFlipped({ sku, inStock }));
  }

  /**
   * After commit: product pages show the quantity, so their cache goes (twice does no harm). Every
   * order changes stock, so the changes come batched: a BullMQ job and a query per order cost more
   * than the drop.
   */
  @OnEventBatch(StockChanged)
  async dropDetails(events: StockChanged[], db: EntityManager): Promise<void> {
    const skus = new Set(events.flatMap((event) => event.payload.levels.map((l) => l.sku)));
    const variants = await this.variantsOf(db, [...skus]);
    await this.cache.invalidateDetails(new Set(variants.map((v) => v.productId)));
  }

  /** Re-projects the listing (locking the product, after any writer); list caches go if it changed. */
  @OnEventAsync(VariantStockFlipped)
  async refreshListing(event: VariantStockFlipped, tx: EntityManager): Promise<void> {
    const [variant] = await this.variantsOf(tx, [event.payload.sku]);
    if (variant && (await this.projector.refresh(tx, [variant.productId])) > 0) {
      await this.events.publish(tx, new ProductChanged({ productId: variant.productId, slug: variant.slug }));
    }
  }

  private async variantsOf(tx: EntityManager, skus: string[]): Promise<VariantOfSku[]> {
    return (await VARIANTS_OF_SKUS.run(tx, [skus])).rows;
  }
}
