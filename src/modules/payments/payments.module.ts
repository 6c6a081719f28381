import { Module } from '@nestjs/common';
import { configProvider } from '../../common/config/config.providers';
import { AdminPaymentsController } from './admin-payments.controller';
import { AdminPaymentsService } from './admin-payments.service';
import { CancelPaymentIntentProcessor } from './cancel-payment-intent.processor';
import { CreatePaymentService } from './create-payment.service';
import { IntentCanceller } from './intent-canceller.service';
import { OnOrderCancelledListener } from './on-order-cancelled.listener';
import { OnOrderPlacedListener } from './on-order-placed.listener';
import { PaymentTransitions } from './payment-transitions.service';
import { PaymentsConfig } from './payments.config';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { ReconcilePendingPaymentsProcessor } from './reconcile-pending-payments.processor';
import { RefundUnwantedCaptureProcessor } from './refund-unwanted-capture.processor';
import { RefundsService } from './refunds.service';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookService } from './stripe-webhook.service';
import { StripeGateway } from './stripe.gateway';

/** Payments (schema `payments`): Stripe and manual payments, refunds, the Stripe webhook, reconciliation. */
@Module({
  controllers: [StripeWebhookController, PaymentsController, AdminPaymentsController],
  providers: [
    configProvider(PaymentsConfig),
    StripeGateway,
    PaymentTransitions,
    CreatePaymentService,
    PaymentsService,
    AdminPaymentsService,
    RefundsService,
    IntentCanceller,
    StripeWebhookService,
    OnOrderPlacedListener,
    OnOrderCancelledListener,
    ReconcilePendingPaymentsProcessor,
    CancelPaymentIntentProcessor,
    RefundUnwantedCaptureProcessor,
  ],
})
export class PaymentsModule {}
