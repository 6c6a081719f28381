import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-error';
import { lockKey } from '../../common/database/advisory-lock';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { orderLockKey } from '../orders/orders.events';
import { Payment } from './payment.entity';
import type { PaymentEventSource } from './payment-event.entity';
import { PaymentStatus } from './payment-state';
import { PaymentTransitions } from './payment-transitions.service';
import { PaymentNotRefundableError, ProviderRejectedError, RefundExceedsCapturedError, RefundFailedError } from './payments.errors';
import { RefundIssued } from './payments.events';
import { Refund } from './refund.entity';
import { decideRefund, statusAfterRefund } from './refund-rules';
import { StripeGateway } from './stripe.gateway';

export interface RefundRequest {
  /** Minor units; everything left when absent. */
  amount?: number;
  reason: string | null;
  restock: boolean;
  requestKey: string;
  requestedBy: string;
  source: PaymentEventSource;
}

/**
 * Refunds, full or partial, never more than captured in total. A Stripe refund is written `pending`
 * first, then asked of Stripe with an idempotency key derived from its id, then completed: a retry
 * of the same request (same request key) or the reconciliation job finishes it without doubling it.
 */
@Injectable()
export class RefundsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: StripeGateway,
    private readonly transitions: PaymentTransitions,
    private readonly events: EventBus,
  ) {}

  async issue(paymentId: string, request: RefundRequest): Promise<Refund> {
    const refund = await this.dataSource.transaction((tx) => this.open(tx, paymentId, request));
    return refund.status === 'pending' ? this.complete(refund.id) : refund;
  }

  /** The system refunds what is left (none: null), e.g. when a paid order is cancelled. */
  async refundRemaining(paymentId: string, request: Pick<RefundRequest, 'requestKey' | 'reason' | 'source'>): Promise<Refund | null> {
    try {
      return await this.issue(paymentId, { ...request, restock: false, requestedBy: 'system' });
    } catch (err) {
      if (err instanceof RefundExceedsCapturedError || err instanceof PaymentNotRefundableError) return null;
      throw err;
    }
  }

  /** Asks the provider for a pending refund (again: same key) and records the answer. */
  async complete(refundId: string): Promise<Refund> {
    const refund = await this.dataSource.getRepository(Refund).findOneByOrFail({ id: refundId });
    const payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: refund.paymentId });
    let answer;
    try {
      answer = await this.gateway.createRefund({ refundId, intentId: payment.providerRef!, amount: refund.amount, paymentId: payment.id });
    } catch (err) {
      if (err instanceof ProviderRejectedError) return this.fail(refundId, err.message);
      throw err;
    }
    if (answer.status === 'failed' || answer.status === 'canceled') return this.fail(refundId, answer.failureReason ?? answer.status);
    return this.dataSource.transaction((tx) => this.succeed(tx, refundId, answer.id));
  }

  private async open(tx: EntityManager, paymentId: string, request: RefundRequest): Promise<Refund> {
    const found = await tx.findOne(Payment, { where: { id: paymentId }, select: { id: true, orderId: true } });
    if (!found) throw new NotFoundError('Payment', 'PAYMENTS.PAYMENT_NOT_FOUND');
    // The order's lock before the payment's row: completing a refund reaches the order (`payments.refund-issued`).
    await lockKey(tx, orderLockKey(found.orderId));
    const payment = await tx.findOneOrFail(Payment, { where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
    const existing = await tx.findOneBy(Refund, { paymentId, requestKey: request.requestKey });
    if (existing?.status === 'failed') throw new RefundFailedError(existing.failureReason ?? 'failed');
    if (existing) return existing;
    const [{ pending }] = (await tx.query(
      `SELECT COALESCE(SUM(amount), 0)::int AS pending FROM payments.refunds WHERE payment_id = $1 AND status = 'pending'`,
      [paymentId],
    )) as { pending: number }[];
    const decision = decideRefund(payment, pending, request.amount);
    if (!decision.ok && decision.reason === 'not_captured') throw new PaymentNotRefundableError(payment.status);
    if (!decision.ok) throw new RefundExceedsCapturedError(decision.refundable, payment.currency);
    const refund = tx.create(Refund, {
      id: newId(),
      paymentId,
      orderId: payment.orderId,
      amount: decision.amount,
      currency: payment.currency,
      status: 'pending',
      reason: request.reason,
      restock: request.restock,
      requestKey: request.requestKey,
      requestedBy: request.requestedBy,
      providerRef: null,
      failureReason: null,
    });
    await tx.insert(Refund, refund);
    await this.transitions.record(tx, payment, 'refund_requested', {
      source: request.source,
      data: { refundId: refund.id, amount: refund.amount, reason: refund.reason, requestedBy: request.requestedBy },
    });
    // A manual payment is refunded outside the system (bank transfer, cash): recorded at once.
    if (payment.provider === 'manual') return this.succeed(tx, refund.id, null);
    return refund;
  }

  private async succeed(tx: EntityManager, refundId: string, providerRef: string | null): Promise<Refund> {
    const { orderId } = await tx.findOneOrFail(Refund, { where: { id: refundId }, select: { id: true, orderId: true } });
    await lockKey(tx, orderLockKey(orderId));
    const refund = await tx.findOneOrFail(Refund, { where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
    if (refund.status !== 'pending') return refund;
    const payment = await tx.findOneOrFail(Payment, { where: { id: refund.paymentId }, lock: { mode: 'pessimistic_write' } });
    Object.assign(refund, { status: 'succeeded', providerRef });
    await tx.update(Refund, { id: refund.id }, { status: 'succeeded', providerRef });
    await this.applyRefunded(tx, payment, refund, 'system');
    return refund;
  }

  /** Adds a completed refund to the payment, audits it and tells the other modules. */
  async applyRefunded(tx: EntityManager, payment: Payment, refund: Refund, source: PaymentEventSource, stripeEventId?: string): Promise<void> {
    const amountRefunded = payment.amountRefunded + refund.amount;
    const status = statusAfterRefund(payment.status, payment.amountCaptured, amountRefunded) as PaymentStatus;
    await tx.update(Payment, { id: payment.id }, { amountRefunded });
    payment.amountRefunded = amountRefunded;
    await this.transitions.record(tx, payment, 'refund_succeeded', {
      source,
      stripeEventId,
      data: { refundId: refund.id, amount: refund.amount, providerRef: refund.providerRef, amountRefunded },
    });
    if (status !== payment.status) await this.transitions.changeStatus(tx, payment, status, { source, stripeEventId });
    await this.events.publish(
      tx,
      new RefundIssued({
        refundId: refund.id,
        paymentId: payment.id,
        orderId: payment.orderId,
        customerId: payment.customerId,
        amount: { amount: refund.amount, currency: refund.currency },
        totalRefunded: { amount: amountRefunded, currency: payment.currency },
        fullyRefunded: amountRefunded >= payment.amountCaptured,
        restock: refund.restock,
        reason: refund.reason,
      }),
    );
  }

  /**
   * `charge.refunded`: Stripe's total refunded beyond what we know (done or in flight) was refunded
   * elsewhere, e.g. in the Stripe dashboard, and is recorded as one refund.
   */
  async recordProviderRefunds(tx: EntityManager, payment: Payment, providerTotal: number, stripeEventId: string): Promise<'applied' | 'unchanged'> {
    const [{ pending }] = (await tx.query(
      `SELECT COALESCE(SUM(amount), 0)::int AS pending FROM payments.refunds WHERE payment_id = $1 AND status = 'pending'`,
      [payment.id],
    )) as { pending: number }[];
    const unknown = Math.min(providerTotal - payment.amountRefunded - pending, payment.amountCaptured - payment.amountRefunded - pending);
    if (unknown <= 0) return 'unchanged';
    const refund = tx.create(Refund, {
      id: newId(),
      paymentId: payment.id,
      orderId: payment.orderId,
      amount: unknown,
      currency: payment.currency,
      status: 'succeeded',
      reason: 'refunded in Stripe',
      restock: false,
      requestKey: `stripe-event-${stripeEventId}`,
      requestedBy: 'stripe',
      providerRef: null,
      failureReason: null,
    });
    await tx.insert(Refund, refund);
    await this.applyRefunded(tx, payment, refund, 'stripe_webhook', stripeEventId);
    return 'applied';
  }

  private async fail(refundId: string, reason: string): Promise<never> {
    await this.dataSource.transaction(async (tx) => {
      const refund = await tx.findOneOrFail(Refund, { where: { id: refundId }, lock: { mode: 'pessimistic_write' } });
      if (refund.status !== 'pending') return;
      await tx.update(Refund, { id: refundId }, { status: 'failed', failureReason: reason });
      const payment = await tx.findOneByOrFail(Payment, { id: refund.paymentId });
      await this.transitions.record(tx, payment, 'refund_failed', { source: 'system', data: { refundId, reason } });
    });
    throw new RefundFailedError(reason);
  }
}
