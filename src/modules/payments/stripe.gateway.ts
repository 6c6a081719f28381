import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { PaymentsConfig } from './payments.config';
import { ProviderRejectedError, ProviderUnavailableError, WebhookNotConfiguredError, WebhookSignatureError } from './payments.errors';
import { stripeConnection } from './stripe-api-base';

/** What we need to know of a PaymentIntent, whichever way it reached us (answer, webhook, retrieval). */
export interface IntentSnapshot {
  id: string;
  status: string;
  amount: number;
  amountReceived: number;
  /** Upper-case ISO-4217, as we store it. */
  currency: string;
  clientSecret: string | null;
  paymentError: string | null;
  paymentId: string | null;
}

export interface ProviderRefund {
  id: string;
  status: string;
  failureReason: string | null;
}

export const snapshotOf = (intent: Stripe.PaymentIntent): IntentSnapshot => ({
  id: intent.id,
  status: intent.status,
  amount: intent.amount,
  amountReceived: intent.amount_received ?? 0,
  currency: String(intent.currency).toUpperCase(),
  clientSecret: intent.client_secret ?? null,
  paymentError: intent.last_payment_error?.message ?? intent.last_payment_error?.code ?? null,
  paymentId: intent.metadata?.paymentId ?? null,
});

/**
 * The only place that talks to Stripe, through the official SDK. Every write carries an
 * idempotency key derived from our own ids, so the SDK's retries and ours never double anything.
 */
@Injectable()
export class StripeGateway {
  private readonly client?: Stripe;
  private readonly logger = new Logger(StripeGateway.name);

  constructor(private readonly config: PaymentsConfig) {
    if (config.STRIPE_SECRET_KEY && !config.STRIPE_WEBHOOK_SECRET) {
      this.logger.warn('STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: webhooks are refused, only reconciliation will see payments succeed');
    }
    if (config.STRIPE_SECRET_KEY) {
      this.client = new Stripe(config.STRIPE_SECRET_KEY, {
        ...stripeConnection(config.STRIPE_API_BASE),
        maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
        timeout: config.STRIPE_TIMEOUT_MS,
        telemetry: false,
        appInfo: { name: 'Emporium' },
      });
    }
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  private get stripe(): Stripe {
    if (!this.client) throw new ProviderRejectedError('Stripe is not configured');
    return this.client;
  }

  async createIntent(input: { paymentId: string; orderId: string; amount: number; currency: string }): Promise<IntentSnapshot> {
    const intent = await this.call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          automatic_payment_methods: { enabled: true },
          metadata: { orderId: input.orderId, paymentId: input.paymentId },
        },
        { idempotencyKey: `emporium-payment-${input.paymentId}` },
      ),
    );
    return snapshotOf(intent);
  }

  async retrieveIntent(intentId: string): Promise<IntentSnapshot> {
    return snapshotOf(await this.call(() => this.stripe.paymentIntents.retrieve(intentId)));
  }

  /** Cancels an intent; one that can no longer be cancelled (paid, already cancelled) is returned as it is. */
  async cancelIntent(intentId: string): Promise<IntentSnapshot> {
    try {
      return snapshotOf(await this.stripe.paymentIntents.cancel(intentId, { cancellation_reason: 'abandoned' }));
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'payment_intent_unexpected_state') {
        return this.retrieveIntent(intentId);
      }
      throw this.translate(err);
    }
  }

  async createRefund(input: { refundId: string; intentId: string; amount: number; paymentId: string }): Promise<ProviderRefund> {
    const refund = await this.call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: input.intentId,
          amount: input.amount,
          metadata: { refundId: input.refundId, paymentId: input.paymentId },
        },
        { idempotencyKey: `emporium-refund-${input.refundId}` },
      ),
    );
    return { id: refund.id, status: refund.status ?? 'pending', failureReason: refund.failure_reason ?? null };
  }

  /** Verifies the signature over the raw body with the default tolerance (5 minutes) and parses the event. */
  verifyWebhook(rawBody: Buffer | undefined, signature: string | undefined): Stripe.Event {
    const secret = this.config.STRIPE_WEBHOOK_SECRET;
    if (!secret) throw new WebhookNotConfiguredError();
    if (!rawBody || !signature) throw new WebhookSignatureError();
    try {
      return Stripe.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      throw new WebhookSignatureError();
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.translate(err);
    }
  }

  /** 5xx, 409, 429 and network errors are worth retrying (with the same key); other 4xx are refusals. */
  private translate(err: unknown): Error {
    if (!(err instanceof Stripe.errors.StripeError)) return err as Error;
    const status = err.statusCode;
    if (status === undefined || status >= 500 || status === 409 || status === 429) return new ProviderUnavailableError();
    return new ProviderRejectedError(err.message);
  }
}
