import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListStockQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Only items whose available stock is at or below their reorder level' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  lowStock?: boolean;
}
