import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min,
  MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { ATTRIBUTE_KEY_PATTERN } from '../attribute-filters';
import { PRODUCT_STATUSES, type ProductStatus } from '../product.entity';
import { IsNotBlank, IsSlug, IsStringMap } from './validators';
import { Omittable } from '../../../common/http/validation';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_PRICE = 100_000_000;
const OPTION_RULES = { keyPattern: /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/, maxEntries: 10, maxValueLength: 100 };
const ATTRIBUTE_RULES = { keyPattern: ATTRIBUTE_KEY_PATTERN, maxEntries: 30, maxValueLength: 100 };
const MAP_SCHEMA = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class ImageInputDto {
  @ApiProperty({ example: 'https://cdn.example.com/jacket.jpg', description: 'An https URL; the server never fetches it' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }) @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ example: 'Brown leather jacket, front', nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  alt?: string | null;

  @ApiPropertyOptional({ minimum: 0, description: 'Display order (lowest first); defaults to the order sent' })
  @Omittable() @IsInt() @Min(0) @Max(1000)
  position?: number;
}

export class VariantInputDto {
  @ApiProperty({ example: 'LJ-M-BLUE', description: 'Unique across the catalog; cannot change later' })
  @Matches(SKU_PATTERN, { message: 'sku must be 1 to 64 letters, digits, ".", "_" or "-"' })
  sku: string;

  @ApiPropertyOptional({ ...MAP_SCHEMA, example: { size: 'M', colour: 'blue' } })
  @Omittable() @IsStringMap(OPTION_RULES)
  options?: Record<string, string>;

  @ApiProperty({ description: 'Minor units of the store currency', example: 12900 })
  @IsInt() @Min(0) @Max(MAX_PRICE)
  price: number;

  @ApiPropertyOptional({ description: 'A higher "was" price, minor units', example: 15900, nullable: true, type: Number })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_PRICE)
  compareAtPrice?: number | null;

  @ApiPropertyOptional({ description: 'Shipping weight in grams', example: 1200, nullable: true, type: Number })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  weight?: number | null;
}

export class UpdateVariantDto {
  @ApiPropertyOptional({ ...MAP_SCHEMA, example: { size: 'L', colour: 'blue' } })
  @Omittable() @IsStringMap(OPTION_RULES)
  options?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Minor units of the store currency', example: 11900 })
  @Omittable() @IsInt() @Min(0) @Max(MAX_PRICE)
  price?: number;

  @ApiPropertyOptional({ description: 'Minor units; null removes it', nullable: true, type: Number })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_PRICE)
  compareAtPrice?: number | null;

  @ApiPropertyOptional({ description: 'Grams; null removes it', nullable: true, type: Number })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  weight?: number | null;
}

/** The editable fields of a product document (variants have their own routes once it exists). */
export class UpdateProductDto {
  @ApiPropertyOptional({ example: 'Brown leather jacket', maxLength: 200 })
  @Omittable() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'brown-leather-jacket', description: 'Generated from the name when omitted at creation' })
  @Omittable() @IsSlug()
  slug?: string;

  @ApiPropertyOptional({ example: 'Full-grain leather, quilted lining.', maxLength: 20000 })
  @Omittable() @IsString() @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @Omittable() @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID()
  categoryId?: string | null;

  @ApiPropertyOptional({ ...MAP_SCHEMA, example: { brand: 'acme', material: 'leather' }, description: 'Replaces all attributes' })
  @Omittable() @IsStringMap(ATTRIBUTE_RULES)
  attributes?: Record<string, string>;

  @ApiPropertyOptional({ type: [ImageInputDto], description: 'Replaces all images' })
  @Omittable() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ImageInputDto)
  images?: ImageInputDto[];

  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(200)
  seoTitle?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true, type: String })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(500)
  seoDescription?: string | null;
}

export class CreateProductDto extends OmitType(UpdateProductDto, ['name'] as const) {
  @ApiProperty({ example: 'Brown leather jacket', maxLength: 200 })
  @IsString() @MinLength(1) @IsNotBlank() @MaxLength(200)
  name: string;

  @ApiProperty({ type: [VariantInputDto], minItems: 1, maxItems: 100 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => VariantInputDto)
  variants: VariantInputDto[];
}
