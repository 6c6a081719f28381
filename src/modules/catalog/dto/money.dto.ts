import { ApiProperty } from '@nestjs/swagger';

export class MoneyDto {
  @ApiProperty({ description: 'Minor units (cents)', example: 12900 }) amount: number;
  @ApiProperty({ description: 'ISO 4217', example: 'EUR' }) currency: string;
}
