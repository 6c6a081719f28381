import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { OrderPaid } from '../orders/orders.events';
import { UserErased } from '../users/users.events';

/** Who bought which product: the right to review it. */
@Injectable()
export class PurchasesListener {
  @OnEventAsync(OrderPaid)
  async onOrderPaid(event: OrderPaid, tx: EntityManager): Promise<void> {
    const productIds = [...new Set(event.payload.lines.map((l) => l.productId))].sort();
    await tx.query(
      `INSERT INTO catalog.purchases (customer_id, product_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [event.payload.customerId, productIds],
    );
  }

  /** An erased customer's purchases go; their reviews stay as anonymous content. */
  @OnEventAsync(UserErased)
  async onUserErased(event: UserErased, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM catalog.purchases WHERE customer_id = $1`, [event.payload.userId]);
    await tx.query(`UPDATE catalog.reviews SET customer_id = NULL WHERE customer_id = $1`, [event.payload.userId]);
  }
}
