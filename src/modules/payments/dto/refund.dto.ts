import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, MaxLength, Min } from 'class-validator';
import { Refund } from '../refund.entity';
import { Omittable } from '../../../common/http/validation';

export class CreateRefundDto {
  @ApiPropertyOptional({ minimum: 1, example: 1500, description: 'Minor units; everything still refundable when absent' })
  @Omittable() @IsInt() @Min(1)
  amount?: number;

  @ApiPropertyOptional({ maxLength: 500, example: 'damaged in transit' })
  @Omittable() @IsString() @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ default: false, description: 'Asks orders to put the items back on the shelf' })
  @Omittable() @IsBoolean()
  restock?: boolean;
}

export class RefundDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) paymentId: string;
  @ApiProperty({ example: 1500 }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() restock: boolean;
  @ApiProperty({ description: 'Admin user id, `system` (order cancelled) or `stripe` (refunded in the dashboard)' }) requestedBy: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The Stripe refund id' }) providerRef: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) failureReason: string | null;
  @ApiProperty() createdAt: string;

  static from(r: Refund): RefundDto {
    return Object.assign(new RefundDto(), {
      id: r.id,
      paymentId: r.paymentId,
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      reason: r.reason,
      restock: r.restock,
      requestedBy: r.requestedBy,
      providerRef: r.providerRef,
      failureReason: r.failureReason,
      createdAt: new Date(r.createdAt).toISOString(),
    });
  }
}
