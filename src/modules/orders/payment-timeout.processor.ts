import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OnEventAsync, OnJob } from '../../common/events/event-handler.decorators';
import { JobsService } from '../../common/jobs/jobs.service';
import { OrdersConfig, paymentTimeoutMs } from './orders.config';
import { OrderStore } from './order-store';
import { OrderTransitions } from './order-transitions.service';
import { ignoreMissing } from './orders.errors';
import { OrderPlaced } from './orders.events';

interface ExpireUnpaidOrder {
  orderId: string;
}

/**
 * Unpaid orders do not hold stock forever: each placed order gets a delayed job that cancels it
 * (reason `payment_timeout`) if it is still pending when the timeout is up; inventory then
 * releases the reservation on `orders.order-cancelled`.
 */
@Injectable()
export class PaymentTimeoutProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly config: OrdersConfig,
    private readonly store: OrderStore,
    private readonly transitions: OrderTransitions,
  ) {}

  @OnEventAsync(OrderPlaced)
  async scheduleExpiry(event: OrderPlaced, _tx: EntityManager): Promise<void> {
    const { orderId } = event.payload;
    // The job id makes a redelivered event schedule nothing new.
    await this.jobs.enqueue<ExpireUnpaidOrder>('orders', 'expire-unpaid-order', { orderId }, {
      delayMs: paymentTimeoutMs(this.config),
      jobId: `expire-${orderId}`,
    });
  }

  @OnJob('expire-unpaid-order')
  async expireUnpaidOrder(data: ExpireUnpaidOrder): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const order = await this.store.find(tx, data.orderId, null, true).catch(ignoreMissing);
      if (order?.status !== 'pending_payment') return;
      await this.transitions.apply(tx, order, {
        to: 'cancelled',
        actor: 'system',
        actorId: null,
        reason: 'payment_timeout',
        note: 'Not paid in time',
      });
    });
  }
}
