import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CatalogPageQueryDto } from './page-query.dto';
import { PRODUCT_STATUSES, type ProductStatus } from '../product.entity';

export class AdminProductQueryDto extends CatalogPageQueryDto {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional() @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ description: 'A fragment of the name', example: 'jacket' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}
