import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Cart } from './cart.entity';

export const MAX_LINE_QUANTITY = 99;

/** One variant in a cart; prices are not stored here but read from the price book. */
@Entity({ schema: 'cart', name: 'cart_items' })
@Index('cart_items_cart_variant', ['cartId', 'variantId'], { unique: true })
@Check('cart_items_quantity', `quantity BETWEEN 1 AND ${MAX_LINE_QUANTITY}`)
export class CartItem {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') cartId: string;
  @ManyToOne(() => Cart, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cart_id' })
  cart?: Cart;
  @Column('uuid') variantId: string;
  @Column('integer') quantity: number;
  @CreateDateColumn({ type: 'timestamptz' }) addedAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
