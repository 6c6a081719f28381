import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { PaymentEvent } from '../payment-event.entity';
import { Payment } from '../payment.entity';
import { PAYMENT_STATUSES, type PaymentStatus } from '../payment-state';
import { Refund } from '../refund.entity';
import { PaymentDto } from './payment.dto';
import { RefundDto } from './refund.dto';

export class PaymentEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'status_changed', enum: ['created', 'intent_created', 'status_changed', 'flagged', 'refund_requested', 'refund_succeeded', 'refund_failed'] })
  type: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fromStatus: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) toStatus: string | null;
  @ApiProperty({ enum: ['customer', 'admin', 'stripe_webhook', 'reconciliation', 'order_cancelled', 'system'] }) source: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'evt_1Q...' }) stripeEventId: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() occurredAt: string;

  static from(e: PaymentEvent): PaymentEventDto {
    return Object.assign(new PaymentEventDto(), {
      id: e.id,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      source: e.source,
      stripeEventId: e.stripeEventId,
      data: e.data,
      occurredAt: new Date(e.occurredAt).toISOString(),
    });
  }
}

/** A payment as staff see it. */
export class AdminPaymentDto extends PaymentDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ description: 'Minor units the provider captured' }) amountCaptured: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'pi_3Q...', description: 'The Stripe PaymentIntent id' }) providerRef: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why a capture was flagged instead of accepted' }) flagReason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) succeededAt: string | null;

  static override from(p: Payment): AdminPaymentDto {
    return Object.assign(new AdminPaymentDto(), PaymentDto.fields(p), {
      customerId: p.customerId,
      amountCaptured: p.amountCaptured,
      providerRef: p.providerRef,
      flagReason: p.flagReason,
      succeededAt: p.succeededAt ? new Date(p.succeededAt).toISOString() : null,
    });
  }
}

/** A payment with its audit trail and refunds. */
export class AdminPaymentDetailDto extends AdminPaymentDto {
  @ApiProperty({ type: [PaymentEventDto], description: 'Every state change, oldest first' }) events: PaymentEventDto[];
  @ApiProperty({ type: [RefundDto] }) refunds: RefundDto[];

  static detail(p: Payment, events: PaymentEvent[], refunds: Refund[]): AdminPaymentDetailDto {
    return Object.assign(new AdminPaymentDetailDto(), AdminPaymentDto.from(p), {
      events: events.map((e) => PaymentEventDto.from(e)),
      refunds: refunds.map((r) => RefundDto.from(r)),
    });
  }
}

export class AdminPaymentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES, description: 'e.g. `flagged` for the payments that wait for staff' })
  @IsOptional() @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  orderId?: string;
}

export class AdminPaymentPageDto {
  @ApiProperty({ type: [AdminPaymentDto] }) items: AdminPaymentDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class WebhookReceiptDto {
  @ApiProperty({ example: true }) received: boolean;
  @ApiProperty({ description: 'True when this event id was processed before (nothing was done again)' }) duplicate: boolean;
}
