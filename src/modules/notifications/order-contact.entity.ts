import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who to tell about an order: a projection fed by `orders.order-placed`, because
 * `payments.refund-issued` names the order but carries no address.
 */
@Entity({ schema: 'notifications', name: 'order_contacts' })
@Index('order_contacts_customer_idx', ['customerId'])
export class OrderContact {
  @PrimaryColumn('uuid') orderId: string;
  @Column('text') orderNumber: string;
  @Column('uuid') customerId: string;
  @Column('text') email: string;
  /** When the address was true (event time), so an older profile change never overwrites a newer one. */
  @Column('timestamptz') emailAsOf: Date;
}
