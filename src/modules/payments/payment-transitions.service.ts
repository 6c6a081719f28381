import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockKey } from '../../common/database/advisory-lock';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { JobsService } from '../../common/jobs/jobs.service';
import { orderLockKey } from '../orders/orders.events';
import { Payable } from './payable.entity';
import { Payment } from './payment.entity';
import type { PaymentEventSource, PaymentEventType } from './payment-event.entity';
import { nextStatus, observationOf, PaymentStatus, successVerdict } from './payment-state';
import { PaymentFailed, PaymentSucceeded } from './payments.events';
import type { IntentSnapshot } from './stripe.gateway';

export interface Locked {
  payment: Payment;
  payable: Payable | null;
}

/** Refunds a Stripe capture that no order wants (`unwantedCaptureRefund`). */
export const REFUND_UNWANTED_CAPTURE_JOB = 'refund-unwanted-capture';

/** One refund per payment, whoever asks: the job's id and the refund's request key. */
export const unwantedCaptureRefund = (paymentId: string): string => `unwanted-capture-${paymentId}`;

export type ApplyOutcome = 'applied' | 'flagged' | 'unchanged';

interface Cause {
  source: PaymentEventSource;
  stripeEventId?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Every change of a payment's status goes through here, inside the caller's transaction: the
 * rules of payment-state.ts, an audit row in payment_events, and the published event.
 */
@Injectable()
export class PaymentTransitions {
  constructor(
    private readonly events: EventBus,
    private readonly jobs: JobsService,
  ) {}

  /** Locks the order (`orderLockKey`), its payable, then the payment: the one lock order (no deadlocks). */
  async lock(tx: EntityManager, paymentId: string): Promise<Locked | null> {
    const found = await tx.findOne(Payment, { where: { id: paymentId }, select: { id: true, orderId: true } });
    if (!found) return null;
    await lockKey(tx, orderLockKey(found.orderId));
    const payable = await tx.findOne(Payable, { where: { orderId: found.orderId }, lock: { mode: 'pessimistic_write' } });
    const payment = await tx.findOne(Payment, { where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
    return payment ? { payment, payable } : null;
  }

  async record(tx: EntityManager, payment: Payment, type: PaymentEventType, cause: Cause & { from?: string | null; to?: string | null }): Promise<void> {
    await tx.query(
      `INSERT INTO payments.payment_events (id, payment_id, type, from_status, to_status, source, stripe_event_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [newId(), payment.id, type, cause.from ?? null, cause.to ?? null, cause.source, cause.stripeEventId ?? null, JSON.stringify(cause.data ?? {})],
    );
  }

  async changeStatus(tx: EntityManager, payment: Payment, to: PaymentStatus, cause: Cause, changes: Partial<Payment> = {}): Promise<void> {
    const from = payment.status;
    Object.assign(payment, changes, { status: to });
    await tx.update(Payment, { id: payment.id }, { ...changes, status: to });
    await this.record(tx, payment, to === 'flagged' ? 'flagged' : 'status_changed', { ...cause, from, to });
  }

  /** Applies what Stripe says about an intent (webhook or retrieval), the same way whichever told us. */
  async applyIntent(tx: EntityManager, locked: Locked, intent: IntentSnapshot, cause: Cause): Promise<ApplyOutcome> {
    const { payment } = locked;
    if (!payment.providerRef) {
      payment.providerRef = intent.id;
      await tx.update(Payment, { id: payment.id }, { providerRef: intent.id, clientSecret: intent.clientSecret ?? payment.clientSecret });
    }
    const observed = observationOf(intent.status, intent.paymentError !== null);
    if (observed === 'succeeded') {
      return this.capture(tx, locked, { amount: intent.amountReceived, currency: intent.currency }, cause);
    }
    const to = nextStatus(payment.status, observed);
    if (!to) return 'unchanged';
    const failureReason = observed === 'failed' ? (intent.paymentError ?? 'payment failed') : payment.failureReason;
    await this.changeStatus(tx, payment, to, { ...cause, data: { ...cause.data, intentStatus: intent.status } }, { failureReason });
    if (to === 'failed') {
      await this.events.publish(
        tx,
        new PaymentFailed({
          paymentId: payment.id,
          orderId: payment.orderId,
          customerId: payment.customerId,
          provider: payment.provider,
          reason: failureReason ?? 'payment failed',
        }),
      );
    }
    return 'applied';
  }

  /** Money was captured: it pays the order, or is flagged for a human when it does not match. */
  async capture(tx: EntityManager, { payment, payable }: Locked, received: { amount: number; currency: string }, cause: Cause): Promise<ApplyOutcome> {
    const verdict = successVerdict({ payment, received, payable });
    if (verdict.outcome === 'none') return 'unchanged';
    const data = { ...cause.data, received };
    if (verdict.outcome === 'flag') {
      await this.changeStatus(tx, payment, 'flagged', { ...cause, data }, { flagReason: verdict.reason, amountCaptured: verdict.capturedAmount });
      // The cancellation's own refund may have run before this capture existed (an intent that was
      // `processing` cannot be cancelled): nothing else would give this money back.
      if (verdict.unwanted && payment.provider === 'stripe') {
        const key = unwantedCaptureRefund(payment.id);
        this.jobs.enqueueOnCommit(tx, 'payments', REFUND_UNWANTED_CAPTURE_JOB, { paymentId: payment.id }, { jobId: key });
      }
      return 'flagged';
    }
    await this.changeStatus(tx, payment, 'succeeded', { ...cause, data }, { amountCaptured: payment.amount, succeededAt: new Date(), failureReason: null });
    await tx.update(Payable, { orderId: payment.orderId }, { status: 'paid', paidByPaymentId: payment.id });
    await this.events.publish(
      tx,
      new PaymentSucceeded({
        paymentId: payment.id,
        orderId: payment.orderId,
        customerId: payment.customerId,
        provider: payment.provider,
        amount: { amount: payment.amount, currency: payment.currency },
      }),
    );
    return 'applied';
  }
}
