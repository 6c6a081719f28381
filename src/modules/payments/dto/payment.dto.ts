import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Payment } from '../payment.entity';
import { isOpen, PAYMENT_STATUSES, type PaymentStatus } from '../payment-state';
import type { PaymentProvider } from '../payments.events';

const STATUS_HELP =
  '`creating`: asking Stripe; `pending`: waiting for the customer (Stripe) or staff (manual); `failed`: the last attempt failed, ' +
  'the intent can be retried with `clientSecret`; `succeeded`: paid; `refunded`: fully refunded; `cancelled`; ' +
  '`flagged`: money was captured that the order did not expect. For a cancelled order, or one already paid by another payment, ' +
  'all of it is refunded by itself (`amountRefunded`); a wrong amount or currency on an open order waits for staff.';

/** A payment as its owner sees it. */
export class PaymentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ['stripe', 'manual'] }) provider: PaymentProvider;
  @ApiProperty({ enum: PAYMENT_STATUSES, description: STATUS_HELP }) status: PaymentStatus;
  @ApiProperty({ example: 4999, description: 'Minor units, from the order (never from the client)' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 0, description: 'Minor units refunded so far' }) amountRefunded: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'pi_3Q..._secret_...',
    description: 'For Stripe.js to confirm the PaymentIntent; only while a Stripe payment is open',
  })
  clientSecret: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static from(payment: Payment): PaymentDto {
    return Object.assign(new PaymentDto(), PaymentDto.fields(payment));
  }

  protected static fields(p: Payment): PaymentDto {
    return {
      id: p.id,
      orderId: p.orderId,
      provider: p.provider,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      amountRefunded: p.amountRefunded,
      clientSecret: p.provider === 'stripe' && isOpen(p.status) ? p.clientSecret : null,
      failureReason: p.failureReason,
      createdAt: new Date(p.createdAt).toISOString(),
      updatedAt: new Date(p.updatedAt).toISOString(),
    };
  }
}
