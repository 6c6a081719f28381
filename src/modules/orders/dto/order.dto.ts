import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ShippingMethod } from '../../cart/cart.events';
import { ORDER_STATUSES, type OrderActor } from '../order-status';
import type { PaymentStatus } from '../order.entity';
import type { OrderStatus } from '../orders.events';

export const PAYMENT_STATUSES: PaymentStatus[] = ['unpaid', 'failed', 'paid', 'partially_refunded', 'refunded'];

export class OrderMoneyDto {
  @ApiProperty({ example: 1999, description: 'Integer minor units (cents)' }) amount: number;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' }) currency: string;
}

export class OrderAddressDto {
  @ApiProperty({ example: 'Erika Mustermann' }) fullName: string;
  @ApiProperty({ example: 'Heidestrasse 17' }) line1: string;
  @ApiProperty({ nullable: true, type: String }) line2: string | null;
  @ApiProperty({ example: 'Koeln' }) city: string;
  @ApiProperty({ example: '51147' }) postalCode: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class OrderLineDto {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ example: 'JACKET-M-BLUE' }) sku: string;
  @ApiProperty({ example: 'Leather jacket (M, blue)' }) name: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: OrderMoneyDto }) unitPrice: OrderMoneyDto;
  @ApiProperty({ type: OrderMoneyDto }) lineTotal: OrderMoneyDto;
}

export class OrderHistoryEntryDto {
  @ApiProperty({ enum: ['transition', 'note'], description: '`note`: recorded without a status change' }) kind: 'transition' | 'note';
  @ApiProperty({ enum: ORDER_STATUSES, nullable: true, type: String }) from: OrderStatus | null;
  @ApiProperty({ enum: ORDER_STATUSES }) to: OrderStatus;
  @ApiProperty({ enum: ['customer', 'admin', 'payment', 'system'] }) actor: OrderActor;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Staff views only: the user or payment' })
  actorId?: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class OrderPaymentDto {
  @ApiProperty({ enum: PAYMENT_STATUSES }) status: PaymentStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) paymentId: string | null;
  @ApiProperty({ type: OrderMoneyDto }) refunded: OrderMoneyDto;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) paidAt: string | null;
}

export class OrderSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'EM-000123' }) number: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: OrderMoneyDto }) total: OrderMoneyDto;
  @ApiProperty({ enum: PAYMENT_STATUSES }) paymentStatus: PaymentStatus;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
}

export class OrderDto extends OrderSummaryDto {
  @ApiProperty({ type: [OrderLineDto] }) lines: OrderLineDto[];
  @ApiProperty({ type: OrderMoneyDto }) subtotal: OrderMoneyDto;
  @ApiProperty({ type: OrderMoneyDto }) shipping: OrderMoneyDto;
  @ApiProperty({ type: OrderMoneyDto }) tax: OrderMoneyDto;
  @ApiProperty({ description: 'Whether the total contains the tax (else it was added)' }) taxIncluded: boolean;
  @ApiProperty({ enum: ['standard', 'express'] }) shippingMethod: ShippingMethod;
  @ApiProperty({ type: OrderAddressDto }) shippingAddress: OrderAddressDto;
  @ApiProperty({ nullable: true, type: String }) trackingNumber: string | null;
  @ApiProperty({ type: OrderPaymentDto }) payment: OrderPaymentDto;
  @ApiProperty({ type: [OrderHistoryEntryDto], description: 'Oldest first' }) history: OrderHistoryEntryDto[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderSummaryDto] }) items: OrderSummaryDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}
