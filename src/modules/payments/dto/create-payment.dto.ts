import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import type { PaymentProvider } from '../payments.events';

export class CreatePaymentDto {
  @ApiProperty({ format: 'uuid', description: 'Your order, pending payment' })
  @IsUUID()
  orderId: string;

  @ApiProperty({
    enum: ['stripe', 'manual'],
    description:
      '`stripe`: card payment through a Stripe PaymentIntent (only when the store has Stripe keys; 422 `PAYMENTS.PROVIDER_NOT_CONFIGURED` otherwise). ' +
      '`manual`: bank transfer or cash on delivery, pending until staff confirm it.',
  })
  @IsIn(['stripe', 'manual'])
  provider: PaymentProvider;
}
