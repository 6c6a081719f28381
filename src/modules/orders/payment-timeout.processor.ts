import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OnEvent, OnJob } from '../../common/events/event-handler.decorators';
import { JobsService } from '../../common/jobs/jobs.service';
import { OrdersConfig, paymentTimeoutMs } from './orders.config';
import { decideExpiry, expiryJobId } from './payment-deadline';
import { OrderStore } from './order-store';
import { OrderTransitions } from './order-transitions.service';
import { ignoreMissing } from './orders.errors';
import { OrderPlaced } from './orders.events';

const EXPIRE_JOB = 'expire-unpaid-order';

interface ExpireUnpaidOrder {
  orderId: string;
  /** The deadline a re-scheduled job was scheduled for (ISO); absent on the first, card-timeout job. */
  dueAt?: string;
}

/**
 * Unpaid orders do not hold stock forever: each placed order gets a delayed job that cancels it
 * (reason `payment_timeout`) if it is still pending when the timeout is up; inventory then
 * releases the reservation on `orders.order-cancelled`. An order awaiting a manual payment has a
 * later deadline (`payment_due_at`): the job then schedules itself again for that deadline.
 */
@Injectable()
export class PaymentTimeoutProcessor {
  private readonly logger = new Logger(PaymentTimeoutProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly config: OrdersConfig,
    private readonly store: OrderStore,
    private readonly transitions: OrderTransitions,
  ) {}

  /**
   * In the placing transaction: the delayed job goes through the outbox with the order, so it
   * exists exactly when the order does, with no event job in between to schedule it.
   */
  @OnEvent(OrderPlaced)
  async scheduleExpiry(event: OrderPlaced, tx: EntityManager): Promise<void> {
    const { orderId } = event.payload;
    this.jobs.enqueueOnCommit<ExpireUnpaidOrder>(tx, 'orders', EXPIRE_JOB, { orderId }, {
      delayMs: paymentTimeoutMs(this.config),
      jobId: expiryJobId(orderId, null),
    });
  }

  @OnJob(EXPIRE_JOB)
  async expireUnpaidOrder(data: ExpireUnpaidOrder): Promise<void> {
    const scheduledFor = data.dueAt ? new Date(data.dueAt) : null;
    const decision = await this.dataSource.transaction(async (tx) => {
      const order = await this.store.find(tx, data.orderId, null, true).catch(ignoreMissing);
      if (!order) return null;
      const dueAt = order.paymentDueAt === null ? null : new Date(order.paymentDueAt);
      const verdict = decideExpiry({ status: order.status, paymentDueAt: dueAt }, scheduledFor, new Date());
      if (verdict.action === 'cancel') {
        await this.transitions.apply(tx, order, {
          to: 'cancelled',
          actor: 'system',
          actorId: null,
          reason: 'payment_timeout',
          note: 'Not paid in time',
        });
      }
      return verdict;
    });
    if (decision?.action !== 'check_again') return;
    // After commit: if adding fails the job is retried and decides again; the id keeps it single.
    const { orderId } = data;
    await this.jobs.enqueue<ExpireUnpaidOrder>('orders', EXPIRE_JOB, { orderId, dueAt: decision.at.toISOString() }, {
      delayMs: decision.delayMs,
      jobId: expiryJobId(orderId, decision.at),
    });
    this.logger.log({ orderId, dueAt: decision.at }, 'unpaid order awaits a manual payment; expiry re-scheduled');
  }
}
