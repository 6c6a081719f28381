import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ON_HAND } from '../stock-rules';
import { Omittable } from '../../../common/http/validation';

/** A stock count: on hand becomes this figure (the difference is a receive or adjust movement). */
export class SetStockDto {
  @ApiProperty({ example: 25, minimum: 0, maximum: MAX_ON_HAND })
  @IsInt() @Min(0) @Max(MAX_ON_HAND)
  onHand: number;

  @ApiPropertyOptional({ example: 5, minimum: 0, maximum: 1_000_000 })
  @Omittable() @IsInt() @Min(0) @Max(1_000_000)
  reorderLevel?: number;

  @ApiPropertyOptional({ example: 'delivery from supplier', description: 'Recorded in the ledger', maxLength: 200 })
  @Omittable() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty() @MaxLength(200)
  reason?: string;
}
