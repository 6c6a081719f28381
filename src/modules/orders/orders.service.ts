import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/auth.types';
import type { Page } from '../../common/http/pagination';
import type { OrderDto, OrderSummaryDto } from './dto/order.dto';
import { presentOrder } from './order-presenter';
import { decodeIdCursor } from '../../common/http/pagination';
import { SUMMARY_COLUMNS, toPage } from './order-queries';
import { checkTransition } from './order-status';
import { OrderStore } from './order-store';
import { OrderTransitions } from './order-transitions.service';
import { NotCancellableError } from './orders.errors';

/** The customer's side: their orders only, scoped by customer id in every query. */
@Injectable()
export class OrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: OrderStore,
    private readonly transitions: OrderTransitions,
  ) {}

  async list(user: Principal, limit: number, cursor?: string): Promise<Page<OrderSummaryDto>> {
    const rows = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM orders.orders
       WHERE customer_id = $1 AND ($2::uuid IS NULL OR id < $2)
       ORDER BY id DESC LIMIT $3`,
      [user.userId, decodeIdCursor(cursor) ?? null, limit + 1],
    );
    return toPage(rows, limit);
  }

  async get(user: Principal, orderId: string): Promise<OrderDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const order = await this.store.find(tx, orderId, user.userId);
      return presentOrder(order, await this.store.lines(tx, orderId), await this.store.history(tx, orderId), false);
    });
  }

  /**
   * A customer may cancel an order until it is paid. A paid order is cancelled by staff (it
   * means a refund); a shipped one cannot be cancelled at all. Both are 409.
   */
  async cancel(user: Principal, orderId: string, note?: string): Promise<OrderDto> {
    return this.dataSource.transaction(async (tx) => {
      const order = await this.store.find(tx, orderId, user.userId, true);
      if (!checkTransition(order.status, 'cancelled', 'customer').allowed) throw new NotCancellableError(order.status);
      const cancelled = await this.transitions.apply(tx, order, {
        to: 'cancelled',
        actor: 'customer',
        actorId: user.userId,
        reason: 'customer',
        note: note ?? null,
      });
      return presentOrder(cancelled, await this.store.lines(tx, orderId), await this.store.history(tx, orderId), false);
    });
  }
}
