import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/auth.types';
import { NotFoundError } from '../../common/errors/domain-error';
import { lockKey } from '../../common/database/advisory-lock';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { JobsService } from '../../common/jobs/jobs.service';
import { orderLockKey } from '../orders/orders.events';
import { Payable } from './payable.entity';
import { Payment } from './payment.entity';
import type { PaymentEventSource } from './payment-event.entity';
import { OPEN_STATUSES } from './payment-state';
import { PaymentTransitions } from './payment-transitions.service';
import { OrderAlreadyPaidError, OrderNotPayableError, ProviderNotConfiguredError, ProviderRejectedError } from './payments.errors';
import { ManualPaymentRequested, type PaymentProvider } from './payments.events';
import { StripeGateway } from './stripe.gateway';

export const CANCEL_INTENT_JOB = 'cancel-payment-intent';

interface Opened {
  payment: Payment;
  /** A Stripe payment of the same order that the customer abandoned for another provider. */
  replaced: Payment | null;
}

/**
 * POST /payments. The payment row is written first (`creating`), the PaymentIntent is created
 * outside any transaction with an idempotency key derived from the payment id, then its id is
 * stored. Any retry (the SDK's, the client's, reconciliation's) repeats the same Stripe request and
 * gets the same intent back. A second attempt for the same order reuses the open payment.
 */
@Injectable()
export class CreatePaymentService {
  private readonly logger = new Logger(CreatePaymentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: StripeGateway,
    private readonly transitions: PaymentTransitions,
    private readonly jobs: JobsService,
    private readonly events: EventBus,
  ) {}

  get providers(): PaymentProvider[] {
    return this.gateway.enabled ? ['stripe', 'manual'] : ['manual'];
  }

  async create(user: Principal, orderId: string, provider: PaymentProvider): Promise<Payment> {
    if (!this.providers.includes(provider)) throw new ProviderNotConfiguredError(provider);
    const { payment, replaced } = await this.dataSource.transaction((tx) => this.open(tx, user.userId, orderId, provider));
    if (replaced) await this.jobs.enqueue('payments', CANCEL_INTENT_JOB, { paymentId: replaced.id }, { jobId: `cancel-${replaced.id}` });
    return payment.status === 'creating' ? this.attachIntent(payment.id) : payment;
  }

  /** Creates (or, with the same key, gets back) the intent of a `creating` payment and stores it. */
  async attachIntent(paymentId: string, source: PaymentEventSource = 'customer'): Promise<Payment> {
    const payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: paymentId });
    let intent;
    try {
      intent = await this.gateway.createIntent({ paymentId, orderId: payment.orderId, amount: payment.amount, currency: payment.currency });
    } catch (err) {
      if (err instanceof ProviderRejectedError) await this.reject(paymentId, err.message);
      throw err;
    }
    const stored = await this.dataSource.transaction(async (tx) => {
      const locked = await this.transitions.lock(tx, paymentId);
      if (!locked) throw new NotFoundError('Payment');
      const { payment: current } = locked;
      if (current.providerRef === null || current.status === 'creating') {
        await tx.update(Payment, { id: paymentId }, { providerRef: intent.id, clientSecret: intent.clientSecret });
        Object.assign(current, { providerRef: intent.id, clientSecret: intent.clientSecret });
        await this.transitions.record(tx, current, 'intent_created', { source, data: { intentId: intent.id } });
      }
      if (current.status === 'creating') await this.transitions.applyIntent(tx, locked, intent, { source });
      return current;
    });
    if (stored.status === 'cancelled') {
      // The order was cancelled while Stripe was being asked: nobody may pay this intent.
      await this.jobs.enqueue('payments', CANCEL_INTENT_JOB, { paymentId }, { jobId: `cancel-${paymentId}` });
      throw new OrderNotPayableError('cancelled');
    }
    return stored;
  }

  private async open(tx: EntityManager, customerId: string, orderId: string, provider: PaymentProvider): Promise<Opened> {
    await lockKey(tx, orderLockKey(orderId));
    const payable = await tx.findOne(Payable, { where: { orderId, customerId }, lock: { mode: 'pessimistic_write' } });
    if (!payable) throw new NotFoundError('Order', 'PAYMENTS.ORDER_NOT_FOUND');
    if (payable.status === 'paid') throw new OrderAlreadyPaidError();
    if (payable.status !== 'payable' || payable.amount <= 0) throw new OrderNotPayableError(payable.status);
    const open = await tx.findOne(Payment, { where: { orderId, status: In(OPEN_STATUSES) }, lock: { mode: 'pessimistic_write' } });
    if (open?.provider === provider) return { payment: open, replaced: null };
    if (open) {
      await this.transitions.changeStatus(tx, open, 'cancelled', { source: 'customer', data: { replacedBy: provider } });
    }
    const payment = tx.create(Payment, {
      id: newId(),
      orderId,
      customerId,
      provider,
      status: provider === 'stripe' ? 'creating' : 'pending',
      amount: payable.amount,
      currency: payable.currency,
      amountCaptured: 0,
      amountRefunded: 0,
      providerRef: null,
      clientSecret: null,
      failureReason: null,
      flagReason: null,
      succeededAt: null,
      reconciledAt: null,
    });
    await tx.insert(Payment, payment);
    await this.transitions.record(tx, payment, 'created', {
      source: 'customer',
      to: payment.status,
      data: { amount: payment.amount, currency: payment.currency, provider },
    });
    if (provider === 'manual') {
      const requestedAt = new Date().toISOString();
      await this.events.publish(tx, new ManualPaymentRequested({ paymentId: payment.id, orderId, requestedAt }));
    }
    this.logger.log({ paymentId: payment.id, orderId, provider }, 'payment created');
    return { payment, replaced: open?.provider === 'stripe' && open.providerRef ? open : null };
  }

  private async reject(paymentId: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const locked = await this.transitions.lock(tx, paymentId);
      if (locked?.payment.status !== 'creating') return;
      // Closed, so the next attempt starts a new payment instead of reusing one Stripe refused.
      await this.transitions.changeStatus(tx, locked.payment, 'cancelled', { source: 'customer', data: { reason } }, { failureReason: reason });
    });
  }
}
