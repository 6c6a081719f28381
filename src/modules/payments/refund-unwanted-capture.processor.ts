import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OnJob } from '../../common/events/event-handler.decorators';
import { Payment } from './payment.entity';
import { REFUND_UNWANTED_CAPTURE_JOB, unwantedCaptureRefund } from './payment-transitions.service';
import { RefundsService } from './refunds.service';

/**
 * Gives back a Stripe capture that arrived for an order that was cancelled, or already paid by
 * another payment. The request key is the payment's, so a repeated job completes the same refund;
 * a refund the cancellation already made leaves nothing to take.
 */
@Injectable()
export class RefundUnwantedCaptureProcessor {
  private readonly logger = new Logger(RefundUnwantedCaptureProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly refunds: RefundsService,
  ) {}

  @OnJob(REFUND_UNWANTED_CAPTURE_JOB)
  async refund(data: { paymentId: string }): Promise<void> {
    const payment = await this.dataSource.getRepository(Payment).findOneByOrFail({ id: data.paymentId });
    const refund = await this.refunds.refundRemaining(payment.id, {
      requestKey: unwantedCaptureRefund(payment.id),
      reason: payment.flagReason,
      source: 'system',
    });
    if (refund) this.logger.log({ orderId: payment.orderId, paymentId: payment.id, refundId: refund.id }, 'refunded an unwanted capture');
  }
}
