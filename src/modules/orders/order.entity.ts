import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PostalAddress, ShippingMethod } from '../cart/cart.events';
import type { OrderStatus } from './orders.events';

export type PaymentStatus = 'unpaid' | 'failed' | 'paid' | 'partially_refunded' | 'refunded';

/**
 * An order: a snapshot of what was bought, where it goes and what it costs, and where it stands.
 * `number` is `EM-` + the sequence `orders.order_number_seq`.
 */
@Entity({ schema: 'orders', name: 'orders' })
@Index('orders_number', ['number'], { unique: true })
@Index('orders_customer', ['customerId', 'id'])
@Index('orders_by_status', ['status', 'id'])
@Index('orders_placed_at', ['placedAt'])
@Index('orders_paid_at', ['paidAt'])
@Check('orders_status', `status IN ('pending_payment', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled')`)
@Check('orders_payment_status', `payment_status IN ('unpaid', 'failed', 'paid', 'partially_refunded', 'refunded')`)
@Check('orders_amounts', `subtotal_amount >= 0 AND shipping_amount >= 0 AND tax_amount >= 0 AND total_amount >= 0 AND refunded_amount >= 0`)
export class Order {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') cartId: string;
  @Column('uuid') customerId: string;
  @Column('text') email: string;
  @Column('text') status: OrderStatus;
  @Column('text') currency: string;
  @Column('integer') subtotalAmount: number;
  @Column('integer') shippingAmount: number;
  @Column('integer') taxAmount: number;
  @Column('integer') totalAmount: number;
  @Column('boolean') taxIncluded: boolean;
  @Column('text') shippingMethod: ShippingMethod;
  @Column('jsonb') shippingAddress: PostalAddress;
  @Column('text', { default: 'unpaid' }) paymentStatus: PaymentStatus;
  @Column('uuid', { nullable: true }) paymentId: string | null;
  @Column('integer', { default: 0 }) refundedAmount: number;
  @Column('text', { nullable: true }) trackingNumber: string | null;
  @Column('text', { nullable: true }) cancellationReason: string | null;
  /** When refunded items were sent back to stock (once per order). */
  @Column('timestamptz', { nullable: true }) restockedAt: Date | null;
  /** A later payment deadline than the card timeout, set when a manual payment is requested; null: the card timeout. */
  @Column('timestamptz', { nullable: true }) paymentDueAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) placedAt: Date;
  @Column('timestamptz', { nullable: true }) paidAt: Date | null;
  @Column('timestamptz', { nullable: true }) cancelledAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
