import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Order } from './order.entity';

/** What was bought, as it was at checkout: name, SKU and price are copies, never looked up again. */
@Entity({ schema: 'orders', name: 'order_lines' })
@Index('order_lines_order', ['orderId', 'position'], { unique: true })
@Index('order_lines_product', ['productId'])
@Check('order_lines_quantity', `quantity > 0 AND unit_price_amount >= 0 AND line_total_amount >= 0`)
export class OrderLine {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') orderId: string;
  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;
  @Column('integer') position: number;
  @Column('uuid') variantId: string;
  @Column('uuid') productId: string;
  @Column('text') sku: string;
  @Column('text') name: string;
  @Column('integer') quantity: number;
  @Column('integer') unitPriceAmount: number;
  @Column('integer') lineTotalAmount: number;
  @Column('text') currency: string;
}
