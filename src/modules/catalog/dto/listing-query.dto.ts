import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CatalogPageQueryDto } from './page-query.dto';
import { LISTING_SORTS, type ListingSort } from '../listing-sort';
import type { SearchSort } from '../search-sql';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** The filters of `/products` and `/search`. Attribute filters (`attr.<key>`) are read separately. */
export class ListingFilterQueryDto extends CatalogPageQueryDto {
  @ApiPropertyOptional({ description: 'Category slug or id; its subcategories are included', example: 'jackets' })
  @IsOptional() @IsString() @MaxLength(120)
  category?: string;

  @ApiPropertyOptional({ description: 'Lowest "from" price, minor units, inclusive', example: 1000 })
  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(100_000_000)
  minPrice?: number;

  @ApiPropertyOptional({ description: 'Highest "from" price, minor units, inclusive', example: 5000 })
  @IsOptional() @Transform(toInteger) @IsInt() @Min(0) @Max(100_000_000)
  maxPrice?: number;

  @ApiPropertyOptional({ description: '`true`: only products with a variant in stock; `false`: only sold-out ones' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  inStock?: boolean;

  /** Filled from `attr.<key>` parameters by `@CatalogQuery()` after validation, never from a parameter of its own. */
  declare attributes: Record<string, string[]>;
}

export class ProductListQueryDto extends ListingFilterQueryDto {
  @ApiPropertyOptional({ enum: LISTING_SORTS, default: 'newest', description: '`-price` is the most expensive first' })
  @IsOptional() @IsIn(LISTING_SORTS)
  sort: ListingSort = 'newest';
}

export const SEARCH_SORTS: SearchSort[] = ['relevance', ...LISTING_SORTS];

export class SearchQueryDto extends ListingFilterQueryDto {
  @ApiPropertyOptional({ description: 'Words to find (typo-tolerant); without it, every product matching the filters', example: 'leather jacket' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance', description: '`relevance` puts in-stock items first' })
  @IsOptional() @IsIn(SEARCH_SORTS)
  sort: SearchSort = 'relevance';
}
