import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO31661Alpha2, IsUUID, Max, Min } from 'class-validator';
import type { ShippingMethod } from '../cart.events';
import { Omittable } from '../../../common/http/validation';

export const SHIPPING_METHODS: ShippingMethod[] = ['standard', 'express'];

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

export class AddCartItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  variantId: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99, description: 'Added to the quantity already in the cart' })
  @IsInt() @Min(1) @Max(99)
  quantity: number;
}

export class UpdateCartItemDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 99, description: '0 removes the line' })
  @IsInt() @Min(0) @Max(99)
  quantity: number;
}

/** How to estimate a cart's shipping and tax. */
export class CartViewQueryDto {
  @ApiPropertyOptional({ example: 'FR', description: 'ISO 3166-1 alpha-2; defaults to the store\'s DEFAULT_COUNTRY' })
  @Omittable() @Transform(upper) @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ enum: SHIPPING_METHODS, default: 'standard' })
  @Omittable() @IsIn(SHIPPING_METHODS)
  shippingMethod?: ShippingMethod;
}
