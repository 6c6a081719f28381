import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/auth.types';
import type { Page } from '../../common/http/pagination';
import type { OrderDto, OrderSummaryDto } from './dto/order.dto';
import type { AdminOrdersQueryDto, OrderTransitionDto } from './dto/order-requests.dto';
import { presentOrder } from './order-presenter';
import { decodeIdCursor } from '../../common/http/pagination';
import { isUuid, SUMMARY_COLUMNS, toPage } from './order-queries';
import { OrderStore } from './order-store';
import { OrderTransitions } from './order-transitions.service';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The staff's side: every order, filters, and moving orders along the process. */
@Injectable()
export class AdminOrdersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: OrderStore,
    private readonly transitions: OrderTransitions,
  ) {}

  async list(query: AdminOrdersQueryDto): Promise<Page<OrderSummaryDto>> {
    const customer = query.customer ?? null;
    // Days are UTC whatever the session's time zone; a date-only `to` includes that whole day.
    const from = query.from && DATE_ONLY.test(query.from) ? `${query.from}T00:00:00Z` : (query.from ?? null);
    const to = query.to && DATE_ONLY.test(query.to) ? `${query.to}T23:59:59.999999Z` : (query.to ?? null);
    const rows = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM orders.orders
       WHERE ($1::uuid IS NULL OR id < $1)
         AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR placed_at >= $3)
         AND ($4::timestamptz IS NULL OR placed_at <= $4)
         AND ($5::uuid IS NULL OR customer_id = $5)
         AND ($6::text IS NULL OR lower(email) = lower($6))
       ORDER BY id DESC LIMIT $7`,
      [
        decodeIdCursor(query.cursor) ?? null,
        query.status ?? null,
        from,
        to,
        customer && isUuid(customer) ? customer : null,
        customer && !isUuid(customer) ? customer : null,
        query.limit + 1,
      ],
    );
    return toPage(rows, query.limit);
  }

  async get(orderId: string): Promise<OrderDto> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const order = await this.store.find(tx, orderId);
      return presentOrder(order, await this.store.lines(tx, orderId), await this.store.history(tx, orderId), true);
    });
  }

  async transition(admin: Principal, orderId: string, request: OrderTransitionDto): Promise<OrderDto> {
    return this.dataSource.transaction(async (tx) => {
      const order = await this.store.find(tx, orderId, null, true);
      const moved = await this.transitions.apply(tx, order, {
        to: request.to,
        actor: 'admin',
        actorId: admin.userId,
        trackingNumber: request.trackingNumber ?? null,
        note: request.note ?? null,
        reason: 'admin',
      });
      return presentOrder(moved, await this.store.lines(tx, orderId), await this.store.history(tx, orderId), true);
    });
  }
}
