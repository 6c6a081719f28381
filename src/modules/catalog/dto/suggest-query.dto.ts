import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class SuggestQueryDto {
  @ApiProperty({ description: 'The beginning of a word of a product name', example: 'leat' })
  @IsString() @MinLength(1) @MaxLength(60)
  q: string;
}
