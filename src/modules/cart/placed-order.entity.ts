import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the cart knows of the orders its checkouts became (from `orders.order-placed`, in the
 * checkout's transaction), so checkout can answer with the order number.
 */
@Entity({ schema: 'cart', name: 'placed_orders' })
export class PlacedOrder {
  @PrimaryColumn('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') status: string;
  @CreateDateColumn({ type: 'timestamptz' }) placedAt: Date;
}
