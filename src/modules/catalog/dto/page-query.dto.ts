import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';

/**
 * The platform's paging parameters with `limit` typed explicitly for OpenAPI (the platform's own
 * `limit = 20` has an inferred type, which makes document generation fail).
 */
export class CatalogPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  override limit: number = 20;
}
