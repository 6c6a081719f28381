import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Like } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { assertIfMatch } from '../../common/http/etag';
import { AdminProductReads } from './admin-product-reads';
import { CatalogConfig } from './catalog.config';
import { ProductNotFoundError, SkuTakenError, SlugTakenError, UnknownCategoryError } from './catalog.errors';
import { Category } from './category.entity';
import type { AdminProductDto } from './dto/admin-product.dto';
import type { CreateProductDto, ImageInputDto, UpdateProductDto, VariantInputDto } from './dto/product-input.dto';
import { ProductChanges } from './product-changes';
import { Product, ProductImage } from './product.entity';
import { firstFreeSlug, isUuid, slugify } from './slug';
import { translateUniqueViolation } from './unique-violations';
import { Variant } from './variant.entity';
import { assertNoProblems, compareAtPriceProblem, duplicateSkuProblems } from './variant-rules';

/** Images in display order, positions renumbered from 0. */
export function orderImages(images: ImageInputDto[]): ProductImage[] {
  return images
    .map((image, index) => ({ image, index }))
    .sort((a, b) => (a.image.position ?? a.index) - (b.image.position ?? b.index) || a.index - b.index)
    .map(({ image }, position) => ({ url: image.url, alt: image.alt ?? null, position }));
}

/** Staff use cases on product documents; each is one transaction. */
@Injectable()
export class AdminProductsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: CatalogConfig,
    private readonly changes: ProductChanges,
    private readonly reads: AdminProductReads,
  ) {}

  async create(input: CreateProductDto): Promise<AdminProductDto> {
    const skus = input.variants.map((v) => v.sku);
    assertNoProblems([
      ...duplicateSkuProblems(skus),
      ...input.variants.map((v, i) => compareAtPriceProblem(v.price, v.compareAtPrice, `variants.${i}.compareAtPrice`)),
    ]);
    let slug = input.slug;
    return this.dataSource
      .transaction(async (tx) => {
        await this.assertCategoryExists(tx, input.categoryId);
        await this.assertSkusFree(tx, skus);
        slug = input.slug ?? (await this.freeSlug(tx, slugify(input.name, 'product')));
        if (input.slug) await this.assertSlugFree(tx, input.slug);
        const status = input.status ?? 'draft';
        const product = tx.create(Product, {
          id: newId(),
          name: input.name,
          slug,
          description: input.description ?? '',
          status,
          categoryId: input.categoryId ?? null,
          attributes: input.attributes ?? {},
          images: orderImages(input.images ?? []),
          seoTitle: input.seoTitle ?? null,
          seoDescription: input.seoDescription ?? null,
          publishedAt: status === 'published' ? new Date() : null,
        });
        await tx.insert(Product, product);
        const variants = input.variants.map((v, position) => this.newVariant(product.id, v, position));
        await tx.insert(Variant, variants);
        const saved = await tx.findOneByOrFail(Product, { id: product.id });
        await this.changes.record(tx, { product: saved, previousStatus: null, variants });
        return this.reads.product(product.id, tx);
      })
      .catch((err: unknown) => translateUniqueViolation(err, { slug, skus }));
  }

  async update(id: string, input: UpdateProductDto, ifMatch: string | undefined): Promise<AdminProductDto> {
    return this.dataSource
      .transaction(async (tx) => {
        const product = await this.lockProduct(tx, id, ifMatch);
        if (input.categoryId !== undefined) await this.assertCategoryExists(tx, input.categoryId);
        if (input.slug !== undefined && input.slug !== product.slug) await this.assertSlugFree(tx, input.slug);
        const previous = { status: product.status, slug: product.slug, name: product.name };
        const becomesPublished = input.status === 'published' && product.status !== 'published';
        const changes = {
          ...pick(input, ['name', 'slug', 'description', 'status', 'categoryId', 'attributes', 'seoTitle', 'seoDescription']),
          ...(input.images ? { images: orderImages(input.images) } : {}),
          ...(becomesPublished && !product.publishedAt ? { publishedAt: new Date() } : {}),
        };
        if (Object.keys(changes).length === 0) return this.reads.product(id, tx);
        await tx.update(Product, { id }, changes);
        const saved = await tx.findOneByOrFail(Product, { id });
        await this.changes.record(tx, {
          product: saved,
          previousStatus: previous.status,
          previousSlug: previous.slug,
          nameChanged: saved.name !== previous.name,
        });
        return this.reads.product(id, tx);
      })
      .catch((err: unknown) => translateUniqueViolation(err, { slug: input.slug }));
  }

  /** DELETE archives: orders and carts keep referring to the product. Archiving twice is harmless. */
  async archive(id: string, ifMatch: string | undefined): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const product = await this.lockProduct(tx, id, ifMatch);
      if (product.status === 'archived') return;
      await tx.update(Product, { id }, { status: 'archived' });
      const saved = await tx.findOneByOrFail(Product, { id });
      await this.changes.record(tx, { product: saved, previousStatus: product.status });
    });
  }

  /** Reads the product for update, honouring `If-Match` against its current version. */
  async lockProduct(tx: EntityManager, id: string, ifMatch: string | undefined): Promise<Product> {
    const product = isUuid(id)
      ? await tx.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!product) throw new ProductNotFoundError();
    assertIfMatch(ifMatch, product.id, product.version);
    return product;
  }

  newVariant(productId: string, input: VariantInputDto, position: number): Variant {
    return Object.assign(new Variant(), {
      id: newId(),
      productId,
      sku: input.sku,
      options: input.options ?? {},
      price: input.price,
      compareAtPrice: input.compareAtPrice ?? null,
      currency: this.config.STORE_CURRENCY,
      weightGrams: input.weight ?? null,
      position,
      deletedAt: null,
    });
  }

  async assertSkusFree(tx: EntityManager, skus: string[]): Promise<void> {
    const taken = (await tx.query(`SELECT sku FROM catalog.variants WHERE sku = ANY($1)`, [skus])) as { sku: string }[];
    if (taken.length) throw new SkuTakenError(taken.map((t) => t.sku));
  }

  private async assertCategoryExists(tx: EntityManager, categoryId: string | null | undefined): Promise<void> {
    if (categoryId && !(await tx.existsBy(Category, { id: categoryId }))) throw new UnknownCategoryError('categoryId');
  }

  private async assertSlugFree(tx: EntityManager, slug: string): Promise<void> {
    if (await tx.existsBy(Product, { slug })) throw new SlugTakenError(slug);
  }

  private async freeSlug(tx: EntityManager, base: string): Promise<string> {
    const rows = await tx.find(Product, { select: { slug: true }, where: [{ slug: base }, { slug: Like(`${base}-%`) }] });
    return firstFreeSlug(base, new Set(rows.map((r) => r.slug)));
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Partial<Pick<T, K>>;
}
