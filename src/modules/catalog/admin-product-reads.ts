import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { decodeIdCursor, encodeCursor } from '../../common/http/pagination';
import { ProductNotFoundError } from './catalog.errors';
import type { AdminProductDto, AdminProductPageDto, AdminVariantDto } from './dto/admin-product.dto';
import type { AdminProductQueryDto } from './dto/admin-product-query.dto';
import { Product } from './product.entity';
import { isUuid } from './slug';
import { Variant } from './variant.entity';

export function toAdminVariant(v: Variant): AdminVariantDto {
  return {
    id: v.id,
    sku: v.sku,
    options: v.options,
    price: { amount: v.price, currency: v.currency },
    compareAtPrice: v.compareAtPrice === null ? null : { amount: v.compareAtPrice, currency: v.currency },
    weight: v.weightGrams,
    position: v.position,
  };
}

export function toAdminProduct(p: Product, variants: Variant[]): AdminProductDto {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    status: p.status,
    categoryId: p.categoryId,
    attributes: p.attributes,
    images: p.images,
    seoTitle: p.seoTitle,
    seoDescription: p.seoDescription,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    variants: variants.map(toAdminVariant),
  };
}

/** Staff reads of product documents, whatever their status. */
@Injectable()
export class AdminProductReads {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the caller's transaction when given one. */
  async product(id: string, tx: EntityManager = this.dataSource.manager): Promise<AdminProductDto> {
    const product = isUuid(id) ? await tx.findOneBy(Product, { id }) : null;
    if (!product) throw new ProductNotFoundError();
    const variants = await tx.find(Variant, { where: { productId: id, deletedAt: IsNull() }, order: { position: 'ASC', id: 'ASC' } });
    return toAdminProduct(product, variants);
  }

  /** Newest first (ids are time-ordered), optionally by status and a fragment of the name. */
  async list(query: AdminProductQueryDto): Promise<AdminProductPageDto> {
    const tx = this.dataSource.manager;
    const after = decodeIdCursor(query.cursor);
    const qb = tx.createQueryBuilder(Product, 'p').orderBy('p.id', 'DESC').take(query.limit + 1);
    if (after) qb.andWhere('p.id < :after', { after });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.q) qb.andWhere(`p.name ILIKE :q ESCAPE '\\'`, { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    const products = await qb.getMany();
    const page = products.slice(0, query.limit);
    const variants = page.length
      ? await tx
          .createQueryBuilder(Variant, 'v')
          .where('v.product_id IN (:...ids)', { ids: page.map((p) => p.id) })
          .andWhere('v.deleted_at IS NULL')
          .orderBy('v.position', 'ASC')
          .addOrderBy('v.id', 'ASC')
          .getMany()
      : [];
    return {
      items: page.map((p) => toAdminProduct(p, variants.filter((v) => v.productId === p.id))),
      nextCursor: products.length > query.limit ? encodeCursor({ id: page[page.length - 1].id }) : null,
    };
  }
}
