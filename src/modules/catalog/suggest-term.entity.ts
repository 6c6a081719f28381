import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity';

/**
 * Every word-suffix of a published product's lower-cased name ("brown leather jacket",
 * "leather jacket", "jacket"): a prefix lookup in one btree range answers `/search/suggest`.
 */
@Entity({ schema: 'catalog', name: 'suggest_terms' })
@Index('suggest_terms_prefix_idx', ['term', 'name'])
export class SuggestTerm {
  @PrimaryColumn('uuid') productId: string;
  @ManyToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'suggest_terms_product_fk' })
  product?: Product;
  /** Index of the first word of `term` in the name (0 = the whole name). */
  @PrimaryColumn('smallint') position: number;
  /** Byte-ordered (collation "C"): a prefix is one btree range, walked by a skip scan over `(term, name)`. */
  @Column({ type: 'text', collation: 'C' }) term: string;
  @Column('text') name: string;
  @Column('text') slug: string;
}
