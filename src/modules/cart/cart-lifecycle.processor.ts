import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { OnJob } from '../../common/events/event-handler.decorators';
import { CartConfig } from './cart.config';
import { CartPresenter } from './cart-presenter';
import { CART_COLUMNS, CartRow } from './cart-store';
import { CartAbandoned } from './cart.events';

const HOUR_MS = 3_600_000;
const BATCH = 500;

/**
 * A cart unchanged for its time to live. The purge checks it on the row it deletes as well as in
 * the batch's subquery: a cart changed while the DELETE waited for its lock is re-checked against
 * the DELETE's own conditions only, and would otherwise go with the change just made to it.
 */
const IDLE = `updated_at < now() - make_interval(days => CASE WHEN customer_id IS NULL THEN $1::int ELSE $2::int END)`;

/**
 * Scheduled cart housekeeping: idle carts go away (guests after GUEST_CART_TTL_DAYS, customers
 * after CUSTOMER_CART_TTL_DAYS, measured from the last change), and a customer's cart idle for
 * CART_ABANDONED_AFTER_HOURS with items in it is announced once as abandoned.
 */
@Injectable()
export class CartLifecycleProcessor {
  private readonly logger = new Logger(CartLifecycleProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: CartConfig,
    private readonly presenter: CartPresenter,
    private readonly events: EventBus,
  ) {}

  /** Deletes idle carts (their items cascade) in batches; returns how many went. */
  @OnJob('purge-idle-carts', { everyMs: HOUR_MS })
  async purgeIdleCarts(): Promise<number> {
    let purged = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(
        `DELETE FROM cart.carts WHERE id IN (SELECT id FROM cart.carts WHERE ${IDLE} LIMIT $3) AND ${IDLE}`,
        [this.config.GUEST_CART_TTL_DAYS, this.config.CUSTOMER_CART_TTL_DAYS, BATCH],
      )) as [unknown, number];
      purged += count;
      if (count < BATCH) break;
    }
    if (purged) this.logger.log({ purged }, 'purged idle carts');
    return purged;
  }

  /** Publishes `cart.cart-abandoned` once per idle customer cart with items; returns how many. */
  @OnJob('detect-abandoned-carts', { everyMs: HOUR_MS / 4 })
  async detectAbandonedCarts(): Promise<number> {
    let announced = 0;
    for (;;) {
      const count = await this.dataSource.transaction(async (tx) => {
        const carts = (await tx.query(
          `SELECT ${CART_COLUMNS} FROM cart.carts
           WHERE status = 'active' AND customer_id IS NOT NULL AND abandoned_notified_at IS NULL
             AND updated_at < now() - make_interval(hours => $1::int)
             AND EXISTS (SELECT 1 FROM cart.cart_items i WHERE i.cart_id = carts.id)
           ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [this.config.CART_ABANDONED_AFTER_HOURS, BATCH],
        )) as CartRow[];
        for (const cart of carts) {
          const view = await this.presenter.load(tx, cart);
          const { itemCount, totals } = view;
          await this.events.publish(
            tx,
            new CartAbandoned({ cartId: cart.id, customerId: cart.customerId!, itemCount, subtotal: totals.subtotal }),
          );
        }
        if (carts.length) {
          await tx.query(`UPDATE cart.carts SET abandoned_notified_at = now() WHERE id = ANY($1::uuid[])`, [carts.map((c) => c.id)]);
        }
        return carts.length;
      });
      announced += count;
      if (count < BATCH) break;
    }
    return announced;
  }
}
