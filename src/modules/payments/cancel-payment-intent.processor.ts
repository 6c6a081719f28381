import { Injectable } from '@nestjs/common';
import { OnJob } from '../../common/events/event-handler.decorators';
import { CANCEL_INTENT_JOB } from './create-payment.service';
import { IntentCanceller } from './intent-canceller.service';

/** Cancels the intent of a Stripe payment the customer replaced (or that lost a race with a cancellation). */
@Injectable()
export class CancelPaymentIntentProcessor {
  constructor(private readonly canceller: IntentCanceller) {}

  @OnJob(CANCEL_INTENT_JOB)
  async cancel(data: { paymentId: string }): Promise<void> {
    await this.canceller.cancel(data.paymentId, 'system');
  }
}
