import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import { Payment } from './payment.entity';
import { ApplyOutcome, PaymentTransitions } from './payment-transitions.service';
import { RefundsService } from './refunds.service';
import { StripeEvent } from './stripe-event.entity';
import { IntentSnapshot, snapshotOf, StripeGateway } from './stripe.gateway';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTENT_EVENTS = new Set(['payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled']);

export interface WebhookReceipt {
  received: true;
  duplicate: boolean;
}

type Outcome = ApplyOutcome | 'ignored';

/**
 * Stripe's webhook: verified on the raw body, each event id processed once. The event id is stored
 * in the same transaction as its effect, so a duplicate (even a concurrent one, which waits on the
 * primary key) finds it and does nothing.
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger(StripeWebhookService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gateway: StripeGateway,
    private readonly transitions: PaymentTransitions,
    private readonly refunds: RefundsService,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<WebhookReceipt> {
    const event = this.gateway.verifyWebhook(rawBody, signature);
    return this.dataSource.transaction(async (tx) => {
      const claimed: unknown[] = await tx.query(
        `INSERT INTO payments.stripe_events (id, type, outcome) VALUES ($1, $2, 'received')
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type],
      );
      if (claimed.length === 0) return { received: true, duplicate: true };
      const { paymentId, outcome } = await this.dispatch(tx, event);
      await tx.update(StripeEvent, { id: event.id }, { paymentId, outcome });
      this.logger.log({ stripeEventId: event.id, type: event.type, paymentId, outcome }, 'stripe event processed');
      return { received: true, duplicate: false };
    });
  }

  private async dispatch(tx: EntityManager, event: Stripe.Event): Promise<{ paymentId: string | null; outcome: Outcome }> {
    const cause = { source: 'stripe_webhook' as const, stripeEventId: event.id, data: { eventType: event.type } };
    if (INTENT_EVENTS.has(event.type)) {
      const intent = snapshotOf(event.data.object as Stripe.PaymentIntent);
      const paymentId = await this.paymentOf(tx, intent);
      const locked = paymentId ? await this.transitions.lock(tx, paymentId) : null;
      if (!locked) return { paymentId, outcome: 'ignored' };
      return { paymentId, outcome: await this.transitions.applyIntent(tx, locked, intent, cause) };
    }
    if (event.type === 'charge.refunded') {
      const charge = event.data.object as Stripe.Charge;
      const intentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      const found = intentId ? await tx.findOne(Payment, { where: { providerRef: intentId }, select: { id: true } }) : null;
      const locked = found ? await this.transitions.lock(tx, found.id) : null;
      if (!locked) return { paymentId: found?.id ?? null, outcome: 'ignored' };
      const outcome = await this.refunds.recordProviderRefunds(tx, locked.payment, charge.amount_refunded, event.id);
      return { paymentId: found!.id, outcome };
    }
    return { paymentId: null, outcome: 'ignored' };
  }

  /** By intent id; else by our payment id in the metadata, for an intent whose id we have not stored yet. */
  private async paymentOf(tx: EntityManager, intent: IntentSnapshot): Promise<string | null> {
    const byRef = await tx.findOne(Payment, { where: { providerRef: intent.id }, select: { id: true } });
    if (byRef) return byRef.id;
    if (!intent.paymentId || !UUID.test(intent.paymentId)) return null;
    const byId = await tx.findOne(Payment, { where: { id: intent.paymentId, provider: 'stripe' }, select: { id: true, providerRef: true } });
    return byId && byId.providerRef === null ? byId.id : null;
  }
}
