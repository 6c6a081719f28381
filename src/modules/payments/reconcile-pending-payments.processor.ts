import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OnJob } from '../../common/events/event-handler.decorators';
import { CreatePaymentService } from './create-payment.service';
import { Payment } from './payment.entity';
import { OPEN_STATUSES } from './payment-state';
import { PaymentTransitions } from './payment-transitions.service';
import { PaymentsConfig, reconcileEveryMs } from './payments.config';
import { RefundsService } from './refunds.service';
import { StripeGateway } from './stripe.gateway';

const BATCH = 100;
/** Stripe forgets idempotency keys after 24 hours: past that, repeating a creation could make a second intent. */
const CREATION_KEY_LIFETIME_MS = 23 * 3600 * 1000;

/**
 * A lost webhook never leaves an order unpaid: Stripe payments still open after
 * `RECONCILE_AFTER_SECONDS` are asked about and what Stripe says is applied exactly as a webhook
 * would be. Refunds left pending (Stripe unreachable, a crash) are completed with their own key.
 */
@Injectable()
export class ReconcilePendingPaymentsProcessor {
  private readonly logger = new Logger(ReconcilePendingPaymentsProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: PaymentsConfig,
    private readonly gateway: StripeGateway,
    private readonly transitions: PaymentTransitions,
    private readonly creator: CreatePaymentService,
    private readonly refunds: RefundsService,
  ) {}

  @OnJob('reconcile-pending-payments', { everyMs: reconcileEveryMs() })
  async reconcile(): Promise<void> {
    if (!this.gateway.enabled) return;
    const after = this.config.RECONCILE_AFTER_SECONDS;
    const payments = (await this.dataSource.query(
      `SELECT id FROM payments.payments
       WHERE provider = 'stripe' AND status = ANY($1) AND COALESCE(reconciled_at, created_at) <= now() - make_interval(secs => $2)
       ORDER BY created_at LIMIT $3`,
      [OPEN_STATUSES, after, BATCH],
    )) as { id: string }[];
    for (const { id } of payments) {
      await this.reconcilePayment(id).catch((err: unknown) => this.logger.warn({ err, paymentId: id }, 'payment reconciliation failed'));
    }
    const refunds = (await this.dataSource.query(
      `SELECT id FROM payments.refunds WHERE status = 'pending' AND updated_at <= now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT $2`,
      [after, BATCH],
    )) as { id: string }[];
    for (const { id } of refunds) {
      await this.refunds.complete(id).catch((err: unknown) => this.logger.warn({ err, refundId: id }, 'refund reconciliation failed'));
    }
  }

  async reconcilePayment(paymentId: string): Promise<void> {
    let payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: paymentId });
    if (!payment.providerRef && Date.now() - new Date(payment.createdAt).getTime() > CREATION_KEY_LIFETIME_MS) {
      return this.abandon(paymentId);
    }
    // Created at Stripe but never stored (a crash or a timeout): the same idempotency key gets it back.
    if (!payment.providerRef) payment = await this.creator.attachIntent(paymentId, 'reconciliation');
    const intent = await this.gateway.retrieveIntent(payment.providerRef!);
    await this.dataSource.transaction(async (tx) => {
      const locked = await this.transitions.lock(tx, paymentId);
      if (!locked) return;
      await tx.update(Payment, { id: paymentId }, { reconciledAt: new Date() });
      const outcome = await this.transitions.applyIntent(tx, locked, intent, { source: 'reconciliation', data: { intentStatus: intent.status } });
      if (outcome !== 'unchanged') this.logger.log({ paymentId, intentStatus: intent.status, outcome }, 'payment reconciled');
    });
  }

  /** Its intent, if any, never reached the customer, who will have started another payment since. */
  private async abandon(paymentId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const locked = await this.transitions.lock(tx, paymentId);
      if (locked?.payment.status !== 'creating') return;
      const cause = { source: 'reconciliation' as const, data: { reason: 'the intent was never confirmed by Stripe' } };
      await this.transitions.changeStatus(tx, locked.payment, 'cancelled', cause, { reconciledAt: new Date() });
    });
  }
}
