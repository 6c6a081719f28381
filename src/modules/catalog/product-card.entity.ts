import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Product } from './product.entity';

/** A published product's list item, rendered once as JSON when the product changes. */
@Entity({ schema: 'catalog', name: 'product_cards' })
export class ProductCard {
  @PrimaryColumn('uuid') productId: string;
  @OneToOne(() => Product, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'product_cards_product_fk' })
  product?: Product;
  @Column('text') card: string;
}
