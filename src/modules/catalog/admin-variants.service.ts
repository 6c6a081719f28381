import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AdminProductReads } from './admin-product-reads';
import { AdminProductsService } from './admin-products.service';
import { LastVariantError, VariantNotFoundError } from './catalog.errors';
import type { AdminProductDto } from './dto/admin-product.dto';
import type { UpdateVariantDto, VariantInputDto } from './dto/product-input.dto';
import { ProductChanges } from './product-changes';
import { Product } from './product.entity';
import { isUuid } from './slug';
import { translateUniqueViolation } from './unique-violations';
import { Variant } from './variant.entity';
import { assertNoProblems, compareAtPriceProblem } from './variant-rules';

/**
 * Staff use cases on variants. A variant is part of its product's document: every change bumps
 * the product's version (its ETag) and honours `If-Match` against it.
 */
@Injectable()
export class AdminVariantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: AdminProductsService,
    private readonly changes: ProductChanges,
    private readonly reads: AdminProductReads,
  ) {}

  async add(productId: string, input: VariantInputDto, ifMatch: string | undefined): Promise<AdminProductDto> {
    assertNoProblems([compareAtPriceProblem(input.price, input.compareAtPrice, 'compareAtPrice')]);
    return this.dataSource
      .transaction(async (tx) => {
        const product = await this.products.lockProduct(tx, productId, ifMatch);
        await this.products.assertSkusFree(tx, [input.sku]);
        const [{ next }] = (await tx.query(
          `SELECT COALESCE(max(position) + 1, 0)::int AS next FROM catalog.variants WHERE product_id = $1`,
          [product.id],
        )) as { next: number }[];
        const variant = this.products.newVariant(product.id, input, next);
        await tx.insert(Variant, variant);
        return this.finish(tx, product, variant);
      })
      .catch((err: unknown) => translateUniqueViolation(err, { skus: [input.sku] }));
  }

  async update(productId: string, variantId: string, input: UpdateVariantDto, ifMatch: string | undefined): Promise<AdminProductDto> {
    return this.dataSource.transaction(async (tx) => {
      const product = await this.products.lockProduct(tx, productId, ifMatch);
      const variant = await this.liveVariant(tx, product.id, variantId);
      const price = input.price ?? variant.price;
      const compareAtPrice = input.compareAtPrice === undefined ? variant.compareAtPrice : input.compareAtPrice;
      assertNoProblems([compareAtPriceProblem(price, compareAtPrice, 'compareAtPrice')]);
      Object.assign(variant, {
        options: input.options ?? variant.options,
        price,
        compareAtPrice,
        weightGrams: input.weight === undefined ? variant.weightGrams : input.weight,
      });
      await tx.update(Variant, { id: variant.id }, {
        options: variant.options,
        price: variant.price,
        compareAtPrice: variant.compareAtPrice,
        weightGrams: variant.weightGrams,
      });
      return this.finish(tx, product, variant);
    });
  }

  /** Soft-deletes: carts and orders keep referring to it; it stops being sellable. */
  async remove(productId: string, variantId: string, ifMatch: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const product = await this.products.lockProduct(tx, productId, ifMatch);
      const variant = await this.liveVariant(tx, product.id, variantId);
      const live = await tx.countBy(Variant, { productId: product.id, deletedAt: IsNull() });
      if (live <= 1) throw new LastVariantError();
      variant.deletedAt = new Date();
      await tx.update(Variant, { id: variant.id }, { deletedAt: variant.deletedAt });
      await this.finish(tx, product, variant);
    });
  }

  private async liveVariant(tx: EntityManager, productId: string, variantId: string): Promise<Variant> {
    const variant = isUuid(variantId)
      ? await tx.findOneBy(Variant, { id: variantId, productId, deletedAt: IsNull() })
      : null;
    if (!variant) throw new VariantNotFoundError();
    return variant;
  }

  private async finish(tx: EntityManager, product: Product, variant: Variant): Promise<AdminProductDto> {
    await tx.query(`UPDATE catalog.products SET version = version + 1, updated_at = now() WHERE id = $1`, [product.id]);
    await this.changes.record(tx, { product, previousStatus: product.status, variants: [variant] });
    return this.reads.product(product.id, tx);
  }
}
