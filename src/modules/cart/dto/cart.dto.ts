import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ShippingMethod } from '../cart.events';

export class CartMoneyDto {
  @ApiProperty({ example: 1999, description: 'Integer minor units (cents)' }) amount: number;
  @ApiProperty({ example: 'EUR', description: 'ISO 4217' }) currency: string;
}

export class CartLineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) productId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'JACKET-M-BLUE' }) sku: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Leather jacket (M, blue)' }) name: string | null;
  @ApiProperty({ minimum: 1, maximum: 99 }) quantity: number;
  @ApiProperty({ type: CartMoneyDto, nullable: true, description: "The price book's current price" }) unitPrice: CartMoneyDto | null;
  @ApiProperty({ type: CartMoneyDto, nullable: true }) lineTotal: CartMoneyDto | null;
  @ApiProperty({ description: 'false when the variant can no longer be bought; such lines are left out of the totals and block checkout' })
  available: boolean;
}

export class CartTotalsDto {
  @ApiProperty({ type: CartMoneyDto }) subtotal: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto, description: 'Estimate for `shippingMethod`' }) shipping: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto, description: 'Contained in the total when `taxIncluded`, added to it otherwise' }) tax: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto }) total: CartMoneyDto;
  @ApiProperty({ example: 19 }) taxRatePercent: number;
  @ApiProperty() taxIncluded: boolean;
  @ApiProperty({ example: 'DE', description: 'The country the tax is computed for' }) country: string;
  @ApiProperty({ enum: ['standard', 'express'] }) shippingMethod: ShippingMethod;
  @ApiProperty({ type: CartMoneyDto, nullable: true, description: 'Standard shipping is free from this subtotal on' })
  freeShippingThreshold: CartMoneyDto | null;
}

export class CartDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['active', 'checked_out'] }) status: 'active' | 'checked_out';
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a guest cart' }) customerId: string | null;
  @ApiProperty({ description: 'Changes with every change of the cart; the ETag carries it' }) version: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: [CartLineDto] }) items: CartLineDto[];
  @ApiProperty({ description: 'Units in the cart' }) itemCount: number;
  @ApiProperty({ type: CartTotalsDto }) totals: CartTotalsDto;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The order a checked-out cart became' }) orderId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreatedCartDto extends CartDto {
  @ApiPropertyOptional({
    description: 'Guest carts only, shown once: send it back as `X-Cart-Token` to use the cart',
    example: 'pQ3v9e0YQ2m0k8V7rW1s2t3u4v5w6x7y8z9A0B1C2D3',
  })
  cartToken?: string;
}
