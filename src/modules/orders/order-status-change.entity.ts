import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { OrderActor } from './order-status';
import type { OrderStatus } from './orders.events';
import { Order } from './order.entity';

/**
 * The order's audit trail: every status change (`transition`), and what happened without one
 * (`note`: a failed payment, a refund, a payment after cancellation). Who, when and why.
 */
@Entity({ schema: 'orders', name: 'order_status_history' })
@Index('order_status_history_order', ['orderId', 'createdAt'])
@Check('order_status_history_kind', `kind IN ('transition', 'note')`)
export class OrderStatusChange {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') orderId: string;
  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order?: Order;
  @Column('text') kind: 'transition' | 'note';
  @Column('text', { nullable: true }) fromStatus: OrderStatus | null;
  /** The status after this entry (unchanged for a note). */
  @Column('text') toStatus: OrderStatus;
  @Column('text') actor: OrderActor;
  /** The customer's or admin's user id, the payment id, or null for the platform. */
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text', { nullable: true }) note: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
