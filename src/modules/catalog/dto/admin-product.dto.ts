import { ApiProperty } from '@nestjs/swagger';
import { PRODUCT_STATUSES, type ProductStatus } from '../product.entity';
import { MoneyDto } from './money.dto';
import { DetailImageDto } from './product-card.dto';

const MAP_SCHEMA = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class AdminVariantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'LJ-M-BLUE' }) sku: string;
  @ApiProperty({ ...MAP_SCHEMA, example: { size: 'M' } }) options: Record<string, string>;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ type: MoneyDto, nullable: true }) compareAtPrice: MoneyDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Grams' }) weight: number | null;
  @ApiProperty() position: number;
}

/** The product document as staff edit it, any status. Its ETag is `W/"<id>-<version>"`. */
export class AdminProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: PRODUCT_STATUSES }) status: ProductStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId: string | null;
  @ApiProperty(MAP_SCHEMA) attributes: Record<string, string>;
  @ApiProperty({ type: [DetailImageDto] }) images: DetailImageDto[];
  @ApiProperty({ nullable: true, type: String }) seoTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) seoDescription: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ description: 'Increments on every change of the product or its variants' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: [AdminVariantDto], description: 'Live variants (deleted ones are not listed)' }) variants: AdminVariantDto[];
}

export class AdminProductPageDto {
  @ApiProperty({ type: [AdminProductDto] }) items: AdminProductDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
