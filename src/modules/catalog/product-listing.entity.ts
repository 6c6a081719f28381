import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity';

/**
 * The read model behind every public list and search: one row per published product with at least
 * one live variant, maintained by `ListingProjector` in the writer's transaction. It holds what
 * lists filter, sort, search and facet on; the rendered list item lives in `product_cards`, so
 * scans over this table stay narrow. GIN indexes are created by hand in the migration.
 */
@Entity({ schema: 'catalog', name: 'product_listings' })
@Index('product_listings_newest_idx', ['publishedAt', 'productId'])
@Index('product_listings_price_idx', ['minPrice', 'productId'])
@Index('product_listings_name_idx', ['sortName', 'productId'])
@Index('product_listings_rating_idx', ['ratingSort', 'productId'])
@Index('product_listings_category_keys_idx', { synchronize: false })
@Index('product_listings_attr_pairs_idx', { synchronize: false })
@Index('product_listings_doc_idx', { synchronize: false })
export class ProductListing {
  @PrimaryColumn('uuid') productId: string;
  @OneToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'product_listings_product_fk' })
  product?: Product;
  @Column('text') slug: string;
  @Column('text') name: string;
  /** lower(name): the `name` sort is case-insensitive whatever the database collation. */
  @Column('text') sortName: string;
  @Column('uuid', { nullable: true }) categoryId: string | null;
  /**
   * Ids and slugs of the category and its ancestors: `?category=<slug or id>` includes descendants
   * with one indexed `@>`, and the planner has statistics for it.
   */
  @Column('text', { array: true, default: '{}' }) categoryKeys: string[];
  /** The lowest variant price (the "from" price): price filters, sorts and buckets use it. */
  @Column('integer') minPrice: number;
  @Column('boolean') inStock: boolean;
  /** Average rating x 100, rounded (0 without reviews). */
  @Column('integer', { default: 0 }) ratingSort: number;
  @Column('timestamptz') publishedAt: Date;
  /** Attributes as `key=value` strings (keys never contain `=`): indexed filters, cheap facets. */
  @Column('text', { array: true, default: '{}' }) attrPairs: string[];
  /** Weighted document: name (A) > SKUs, category names, attribute and option values (B) > description (C). */
  @Column('tsvector') doc: string;
}
