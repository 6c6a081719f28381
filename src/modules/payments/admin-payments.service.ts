import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error';
import { decodeIdCursor, encodeCursor, Page } from '../../common/http/pagination';
import { PaymentEvent } from './payment-event.entity';
import { Payment } from './payment.entity';
import type { PaymentStatus } from './payment-state';
import { PaymentTransitions } from './payment-transitions.service';
import { OrderAlreadyPaidError, OrderNotPayableError, PaymentNotConfirmableError } from './payments.errors';
import { Refund } from './refund.entity';

export interface PaymentDetail {
  payment: Payment;
  events: PaymentEvent[];
  refunds: Refund[];
}

/** Staff use cases: confirm a manual payment, look at payments and their audit trail. */
@Injectable()
export class AdminPaymentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transitions: PaymentTransitions,
  ) {}

  /** A bank transfer arrived or cash was collected: the manual payment pays the order. */
  async confirm(adminId: string, paymentId: string): Promise<Payment> {
    return this.dataSource.transaction(async (tx) => {
      const locked = await this.transitions.lock(tx, paymentId);
      if (!locked) throw new NotFoundError('Payment', 'PAYMENTS.PAYMENT_NOT_FOUND');
      const { payment, payable } = locked;
      if (payment.provider !== 'manual' || payment.status !== 'pending') {
        throw new PaymentNotConfirmableError(payment.provider, payment.status);
      }
      if (payable?.status === 'paid') throw new OrderAlreadyPaidError();
      if (payable?.status !== 'payable') throw new OrderNotPayableError(payable?.status ?? 'unknown');
      const cause = { source: 'admin' as const, data: { confirmedBy: adminId } };
      await this.transitions.capture(tx, locked, { amount: payment.amount, currency: payment.currency }, cause);
      return payment;
    });
  }

  async detail(paymentId: string): Promise<PaymentDetail> {
    const payment = await this.dataSource.getRepository(Payment).findOneBy({ id: paymentId });
    if (!payment) throw new NotFoundError('Payment', 'PAYMENTS.PAYMENT_NOT_FOUND');
    const [events, refunds] = await Promise.all([
      this.dataSource.getRepository(PaymentEvent).find({ where: { paymentId }, order: { occurredAt: 'ASC', id: 'ASC' } }),
      this.dataSource.getRepository(Refund).find({ where: { paymentId }, order: { createdAt: 'ASC' } }),
    ]);
    return { payment, events, refunds };
  }

  /** Newest first, keyset-paged on the id (UUID v7 ids are time-ordered). */
  async list(query: { status?: PaymentStatus; orderId?: string; limit: number; cursor?: string }): Promise<Page<Payment>> {
    const after = decodeIdCursor(query.cursor);
    const qb = this.dataSource.getRepository(Payment).createQueryBuilder('p');
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.orderId) qb.andWhere('p.order_id = :orderId', { orderId: query.orderId });
    if (after) qb.andWhere('p.id < :id', { id: after });
    const rows = await qb.orderBy('p.id', 'DESC').limit(query.limit + 1).getMany();
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null;
    return { items, nextCursor };
  }
}
