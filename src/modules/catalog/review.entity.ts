import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity';

/** A verified buyer's review; one per customer and product. */
@Entity({ schema: 'catalog', name: 'reviews' })
@Check('reviews_rating_check', '"rating" BETWEEN 1 AND 5')
@Index('reviews_product_customer_key', ['productId', 'customerId'], { unique: true })
@Index('reviews_product_idx', ['productId', 'id'])
export class Review {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') productId: string;
  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'reviews_product_fk' })
  product?: Product;
  /** Null once the customer's account has been erased. */
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('smallint') rating: number;
  @Column('text', { nullable: true }) title: string | null;
  @Column('text', { default: '' }) body: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
