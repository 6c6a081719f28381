import { ApiProperty } from '@nestjs/swagger';
import { MoneyDto } from './money.dto';

const MAP_SCHEMA = { type: 'object', additionalProperties: { type: 'string' } } as const;

export class CategoryRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'jackets' }) slug: string;
  @ApiProperty({ example: 'Jackets' }) name: string;
}

export class CardImageDto {
  @ApiProperty({ example: 'https://cdn.example.com/jacket.jpg' }) url: string;
  @ApiProperty({ nullable: true, type: String }) alt: string | null;
}

export class RatingSummaryDto {
  @ApiProperty({ nullable: true, type: Number, example: 4.5, description: 'Mean of the ratings (1-5), 2 decimals; null without reviews' })
  average: number | null;
  @ApiProperty({ example: 12 }) count: number;
}

export class CardVariantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'LJ-M-BLUE' }) sku: string;
  @ApiProperty({ ...MAP_SCHEMA, example: { size: 'M', colour: 'blue' } }) options: Record<string, string>;
  @ApiProperty({ type: MoneyDto }) price: MoneyDto;
  @ApiProperty({ type: MoneyDto, nullable: true }) compareAtPrice: MoneyDto | null;
  @ApiProperty() inStock: boolean;
}

/** A published product as lists and search show it. */
export class ProductCardDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'brown-leather-jacket' }) slug: string;
  @ApiProperty({ example: 'Brown leather jacket' }) name: string;
  @ApiProperty({ type: CategoryRefDto, nullable: true }) category: CategoryRefDto | null;
  @ApiProperty({ type: CardImageDto, nullable: true, description: 'The first image' }) image: CardImageDto | null;
  @ApiProperty({ type: MoneyDto, description: 'The lowest variant price ("from"); price filters and sorts use it' })
  price: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'The highest variant price' }) maxPrice: MoneyDto;
  @ApiProperty({ description: 'At least one variant is in stock' }) inStock: boolean;
  @ApiProperty({ type: RatingSummaryDto }) rating: RatingSummaryDto;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: [CardVariantDto] }) variants: CardVariantDto[];
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductCardDto] }) items: ProductCardDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class DetailVariantDto extends CardVariantDto {
  @ApiProperty({ example: 'Brown leather jacket (M, blue)' }) name: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Shipping weight in grams' }) weight: number | null;
  @ApiProperty({ description: 'Units available to order now', example: 7 }) available: number;
}

export class DetailImageDto extends CardImageDto {
  @ApiProperty({ example: 0 }) position: number;
}

/** A published product page: everything a storefront shows about one product. */
export class ProductDetailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'brown-leather-jacket' }) slug: string;
  @ApiProperty({ example: 'Brown leather jacket' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: CategoryRefDto, nullable: true }) category: CategoryRefDto | null;
  @ApiProperty({ type: [CategoryRefDto], description: 'From the root category down to the product category' })
  breadcrumbs: CategoryRefDto[];
  @ApiProperty({ ...MAP_SCHEMA, example: { brand: 'acme', material: 'leather' } }) attributes: Record<string, string>;
  @ApiProperty({ type: [DetailImageDto] }) images: DetailImageDto[];
  @ApiProperty({ nullable: true, type: String }) seoTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) seoDescription: string | null;
  @ApiProperty({ type: MoneyDto, description: 'The lowest variant price' }) price: MoneyDto;
  @ApiProperty() inStock: boolean;
  @ApiProperty({ type: RatingSummaryDto }) rating: RatingSummaryDto;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ type: [DetailVariantDto] }) variants: DetailVariantDto[];
}
