import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsNotEmptyObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { PostalAddress, ShippingMethod } from '../cart.events';
import { CartMoneyDto } from './cart.dto';
import { SHIPPING_METHODS } from './cart-requests.dto';
import { Omittable } from '../../../common/http/validation';

/** Letters and digits, with inner spaces and hyphens: 1 to 16 characters. */
const POSTAL_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,14}[A-Za-z0-9])?$/;
const PHONE = /^\+?[0-9 ()/-]{5,30}$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

export class CheckoutAddressDto implements PostalAddress {
  @ApiProperty({ example: 'Erika Mustermann', minLength: 1, maxLength: 200 })
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200)
  fullName: string;

  @ApiProperty({ example: 'Heidestrasse 17', minLength: 1, maxLength: 200 })
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(200)
  line1: string;

  @ApiPropertyOptional({ example: 'c/o Musterfirma', maxLength: 200, nullable: true, type: String })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: 'Koeln', minLength: 1, maxLength: 100 })
  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100)
  city: string;

  @ApiProperty({ example: '51147', maxLength: 16, pattern: POSTAL_CODE.source })
  @Transform(trim) @IsString() @Matches(POSTAL_CODE, { message: 'postalCode is not a postal code' })
  postalCode: string;

  @ApiPropertyOptional({ example: 'NRW', maxLength: 100, nullable: true, type: String })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(100)
  region?: string | null;

  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper) @IsISO31661Alpha2()
  country: string;

  @ApiPropertyOptional({ example: '+49 221 1234567', nullable: true, type: String, pattern: PHONE.source })
  @IsOptional() @Transform(trim) @Matches(PHONE, { message: 'phone is not a phone number' })
  phone?: string | null;
}

export class CheckoutDto {
  @ApiProperty({ type: CheckoutAddressDto })
  @IsNotEmptyObject() @ValidateNested() @Type(() => CheckoutAddressDto)
  shippingAddress: CheckoutAddressDto;

  @ApiProperty({ enum: SHIPPING_METHODS })
  @IsIn(SHIPPING_METHODS)
  shippingMethod: ShippingMethod;

  @ApiPropertyOptional({
    example: 'erika@example.com',
    format: 'email',
    maxLength: 254,
    description: "Where order mail goes; defaults to the account's e-mail",
  })
  @Omittable() @Transform(trim) @IsEmail() @MaxLength(254)
  email?: string;
}

export class CheckoutOrderLineDto {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ example: 'JACKET-M-BLUE' }) sku: string;
  @ApiProperty({ example: 'Leather jacket (M, blue)' }) name: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 99 }) quantity: number;
  @ApiProperty({ type: CartMoneyDto }) unitPrice: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto }) lineTotal: CartMoneyDto;
}

/** The address as the order keeps it: every field present, the optional ones null when not given. */
export class PlacedAddressDto {
  @ApiProperty({ example: 'Erika Mustermann' }) fullName: string;
  @ApiProperty({ example: 'Heidestrasse 17' }) line1: string;
  @ApiProperty({ example: 'c/o Musterfirma', nullable: true, type: String }) line2: string | null;
  @ApiProperty({ example: 'Koeln' }) city: string;
  @ApiProperty({ example: '51147' }) postalCode: string;
  @ApiProperty({ example: 'NRW', nullable: true, type: String }) region: string | null;
  @ApiProperty({ example: 'DE' }) country: string;
  @ApiProperty({ example: '+49 221 1234567', nullable: true, type: String }) phone: string | null;
}

/** The order a checkout placed, as the cart knows it (the full order is at `Location`). */
export class CheckoutOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'EM-000123' }) number: string;
  @ApiProperty({ enum: ['pending_payment'], description: 'A placed order waits for its payment' }) status: string;
  @ApiProperty({ format: 'uuid' }) cartId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: 'erika@example.com' }) email: string;
  @ApiProperty({ type: [CheckoutOrderLineDto] }) lines: CheckoutOrderLineDto[];
  @ApiProperty({ type: CartMoneyDto }) subtotal: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto }) shipping: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto }) tax: CartMoneyDto;
  @ApiProperty({ type: CartMoneyDto }) total: CartMoneyDto;
  @ApiProperty() taxIncluded: boolean;
  @ApiProperty({ enum: SHIPPING_METHODS }) shippingMethod: ShippingMethod;
  @ApiProperty({ type: PlacedAddressDto }) shippingAddress: PlacedAddressDto;
  @ApiProperty({ format: 'date-time' }) placedAt: string;
}
