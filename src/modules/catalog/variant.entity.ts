import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Product } from './product.entity';

/** A buyable version of a product. Deleting one keeps the row (orders and carts refer to it). */
@Entity({ schema: 'catalog', name: 'variants' })
@Check('variants_price_check', '"price" >= 0')
@Check('variants_compare_at_price_check', '"compare_at_price" IS NULL OR "compare_at_price" > "price"')
@Check('variants_weight_check', '"weight_grams" IS NULL OR "weight_grams" >= 0')
@Index('variants_product_idx', ['productId', 'position'])
export class Variant {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') productId: string;
  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'variants_product_fk' })
  product?: Product;
  @Index('variants_sku_key', { unique: true }) @Column('text') sku: string;
  /** Option values, e.g. `{ "size": "M", "colour": "blue" }`. */
  @Column('jsonb', { default: {} }) options: Record<string, string>;
  /** Minor units of `currency`. */
  @Column('integer') price: number;
  @Column('integer', { nullable: true }) compareAtPrice: number | null;
  @Column('text') currency: string;
  @Column('integer', { nullable: true }) weightGrams: number | null;
  @Column('integer', { default: 0 }) position: number;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
