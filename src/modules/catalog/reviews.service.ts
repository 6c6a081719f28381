import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { decodeIdCursor, encodeCursor } from '../../common/http/pagination';
import type { CatalogPageQueryDto } from './dto/page-query.dto';
import { ProductChanged } from './catalog.events';
import { AlreadyReviewedError, ProductNotFoundError, ReviewNotAllowedError } from './catalog.errors';
import type { CreateReviewDto, ReviewDto, ReviewPageDto } from './dto/review.dto';
import { ListingProjector } from './listing-projector';
import { Product } from './product.entity';
import { Review } from './review.entity';
import { isUuid } from './slug';

const toDto = (r: Review): ReviewDto => ({
  id: r.id,
  rating: r.rating,
  title: r.title,
  body: r.body,
  verifiedPurchase: true,
  createdAt: r.createdAt.toISOString(),
});

/** Reviews of published products, by customers who bought them, one each. */
@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly projector: ListingProjector,
  ) {}

  /** Newest first (review ids are time-ordered). */
  async list(idOrSlug: string, page: CatalogPageQueryDto): Promise<ReviewPageDto> {
    const product = await this.publishedProduct(this.dataSource.manager, idOrSlug);
    const before = decodeIdCursor(page.cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(Review, 'r')
      .where('r.product_id = :productId', { productId: product.id })
      .orderBy('r.id', 'DESC')
      .take(page.limit + 1);
    if (before) qb.andWhere('r.id < :before', { before });
    const rows = await qb.getMany();
    const items = rows.slice(0, page.limit);
    return {
      items: items.map(toDto),
      nextCursor: rows.length > page.limit ? encodeCursor({ id: items[items.length - 1].id }) : null,
    };
  }

  async create(productId: string, customerId: string, input: CreateReviewDto): Promise<ReviewDto> {
    return this.dataSource.transaction(async (tx) => {
      const product = await this.publishedProduct(tx, productId, true);
      const bought = await tx.query(`SELECT 1 FROM catalog.purchases WHERE customer_id = $1 AND product_id = $2`, [
        customerId,
        product.id,
      ]);
      if (bought.length === 0) throw new ReviewNotAllowedError();
      if (await tx.existsBy(Review, { productId: product.id, customerId })) throw new AlreadyReviewedError();
      const review = tx.create(Review, {
        id: newId(),
        productId: product.id,
        customerId,
        rating: input.rating,
        title: input.title ?? null,
        body: input.body ?? '',
      });
      await tx.insert(Review, review);
      await tx.query(
        `UPDATE catalog.products SET rating_count = rating_count + 1, rating_total = rating_total + $2 WHERE id = $1`,
        [product.id, input.rating],
      );
      await this.projector.refresh(tx, [product.id]);
      await this.events.publish(tx, new ProductChanged({ productId: product.id, slug: product.slug }));
      return toDto(await tx.findOneByOrFail(Review, { id: review.id }));
    });
  }

  /** Locking the product row serialises reviews of one product, so the rating sums stay exact. */
  private async publishedProduct(tx: EntityManager, idOrSlug: string, lock = false): Promise<Product> {
    const product = await tx.findOne(Product, {
      where: isUuid(idOrSlug) ? { id: idOrSlug, status: 'published' } : { slug: idOrSlug, status: 'published' },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!product) throw new ProductNotFoundError();
    return product;
  }
}
