import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO31661Alpha2, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { Address } from '../address.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** A postal address as checkout takes it (`shippingAddress`), plus a label and a default flag. */
export class CreateAddressDto {
  @ApiPropertyOptional({ example: 'Home', maxLength: 50, nullable: true, type: String })
  @Transform(trim) @IsOptional() @IsString() @MaxLength(50)
  label?: string | null;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  fullName: string;

  @ApiProperty({ example: '12 St James Square', maxLength: 200 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200)
  line1: string;

  @ApiPropertyOptional({ example: 'Flat 3', maxLength: 200, nullable: true, type: String })
  @Transform(trim) @IsOptional() @IsString() @MaxLength(200)
  line2?: string | null;

  @ApiProperty({ example: 'London', maxLength: 100 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(100)
  city: string;

  @ApiProperty({ example: 'SW1Y 4JU', maxLength: 20 })
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(20)
  postalCode: string;

  @ApiPropertyOptional({ example: 'Greater London', maxLength: 100, nullable: true, type: String })
  @Transform(trim) @IsOptional() @IsString() @MaxLength(100)
  region?: string | null;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2 country code' })
  @Transform(upper) @IsISO31661Alpha2()
  country: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0000', maxLength: 32, nullable: true, type: String })
  @Transform(trim) @IsOptional() @IsString() @Matches(/^\+?[0-9 ()./-]{3,32}$/, { message: 'phone must be a phone number' })
  phone?: string | null;

  @ApiPropertyOptional({ description: 'Make this the default address (the first address always is)', default: false })
  @ValidateIf((_: object, value: unknown) => value !== undefined) @IsBoolean()
  isDefault?: boolean;
}

/** Any subset of the address fields; `null` clears an optional one and is refused for a required one. */
export class UpdateAddressDto extends PartialType(CreateAddressDto, { skipNullProperties: false }) {}

export class AddressDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'Home' }) label: string | null;
  @ApiProperty({ example: 'Ada Lovelace' }) fullName: string;
  @ApiProperty({ example: '12 St James Square' }) line1: string;
  @ApiProperty({ nullable: true, type: String }) line2: string | null;
  @ApiProperty({ example: 'London' }) city: string;
  @ApiProperty({ example: 'SW1Y 4JU' }) postalCode: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ example: 'GB' }) country: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() isDefault: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(a: Address): AddressDto {
    const { id, label, fullName, line1, line2, city, postalCode, region, country, phone, isDefault } = a;
    return {
      id, label, fullName, line1, line2, city, postalCode, region, country, phone, isDefault,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  }
}

export class AddressPageDto {
  @ApiProperty({ type: [AddressDto] }) items: AddressDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}
