import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { UserErased } from '../users/users.events';

export const ERASED = '(erased)';

/**
 * Orders outlive an erased customer (bookkeeping) but lose what identifies the person: e-mail,
 * name, street, postcode, city and phone. Country and region stay for tax records.
 */
@Injectable()
export class OnUserErasedListener {
  @OnEvent(UserErased)
  async anonymiseOrders(event: UserErased, tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE orders.orders SET
         email = 'erased+' || id || '@invalid',
         shipping_address = shipping_address || jsonb_build_object(
           'fullName', $2::text, 'line1', $2::text, 'line2', null, 'city', $2::text, 'postalCode', $2::text, 'phone', null),
         updated_at = now()
       WHERE customer_id = $1`,
      [event.payload.userId, ERASED],
    );
  }
}
