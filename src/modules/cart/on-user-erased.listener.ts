import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { UserErased } from '../users/users.events';

/** An erased customer's carts go, in the erasure's transaction. */
@Injectable()
export class OnUserErasedListener {
  @OnEvent(UserErased)
  async dropCarts(event: UserErased, tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM cart.carts WHERE customer_id = $1`, [event.payload.userId]);
  }
}
