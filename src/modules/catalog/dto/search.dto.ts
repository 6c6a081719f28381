import { ApiProperty } from '@nestjs/swagger';
import { ProductCardDto } from './product-card.dto';

export class CategoryFacetDto {
  @ApiProperty({ example: 'jackets' }) slug: string;
  @ApiProperty({ example: 'Jackets' }) name: string;
  @ApiProperty({ description: 'Matching products in this category and its subcategories', example: 12 }) count: number;
}

export class PriceRangeFacetDto {
  @ApiProperty({ description: 'Minor units, inclusive', example: 1000 }) min: number;
  @ApiProperty({ description: 'Minor units, inclusive; null for the open-ended top range', nullable: true, type: Number, example: 2499 })
  max: number | null;
  @ApiProperty({ example: 7 }) count: number;
}

export class AttributeValueFacetDto {
  @ApiProperty({ example: 'acme' }) value: string;
  @ApiProperty({ example: 5 }) count: number;
}

export class AttributeFacetDto {
  @ApiProperty({ example: 'brand' }) key: string;
  @ApiProperty({ type: [AttributeValueFacetDto], description: 'The 20 most frequent values' }) values: AttributeValueFacetDto[];
}

/** Counts of the matches by category, price range and attribute; each ignores its own filter and applies the others. */
export class SearchFacetsDto {
  @ApiProperty({ type: [CategoryFacetDto] }) categories: CategoryFacetDto[];
  @ApiProperty({ type: [PriceRangeFacetDto] }) priceRanges: PriceRangeFacetDto[];
  @ApiProperty({ type: [AttributeFacetDto] }) attributes: AttributeFacetDto[];
}

export class SearchResultDto {
  @ApiProperty({ type: [ProductCardDto] }) items: ProductCardDto[];
  @ApiProperty({ description: 'All matches under the filters', example: 42 }) total: number;
  @ApiProperty({ nullable: true, type: String, description: 'Next page (search pages through the first 1,000 matches)' })
  nextCursor: string | null;
  @ApiProperty({ type: SearchFacetsDto }) facets: SearchFacetsDto;
}

export class SuggestionDto {
  @ApiProperty({ example: 'Brown leather jacket' }) name: string;
  @ApiProperty({ example: 'brown-leather-jacket', description: 'A product with this name' }) slug: string;
}

export class SuggestionListDto {
  @ApiProperty({ type: [SuggestionDto], maxItems: 10 }) items: SuggestionDto[];
}
