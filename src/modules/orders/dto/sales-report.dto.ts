import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { OrderMoneyDto } from './order.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class SalesReportQueryDto {
  @ApiPropertyOptional({ example: '2025-01-01', description: 'First day (UTC), inclusive; default 29 days before `to`' })
  @IsOptional() @Matches(DAY, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-01-31', description: 'Last day (UTC), inclusive; default today' })
  @IsOptional() @Matches(DAY, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10, description: 'How many top products' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  top = 10;
}

export class SalesDayDto {
  @ApiProperty({ example: '2025-01-31' }) day: string;
  @ApiProperty({ description: 'Orders paid that day and not cancelled since' }) orders: number;
  @ApiProperty({ type: OrderMoneyDto, description: 'Their order totals' }) revenue: OrderMoneyDto;
}

export class TopProductDto {
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ description: 'The name on its most recent order line', example: 'Leather jacket (M, blue)' }) name: string;
  @ApiProperty() units: number;
  @ApiProperty({ type: OrderMoneyDto }) revenue: OrderMoneyDto;
}

export class SalesReportDto {
  @ApiProperty({ example: '2025-01-01' }) from: string;
  @ApiProperty({ example: '2025-01-31' }) to: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty() orders: number;
  @ApiProperty({ type: OrderMoneyDto }) revenue: OrderMoneyDto;
  @ApiProperty({ type: [SalesDayDto], description: 'Every day of the range, oldest first, zeros included' }) days: SalesDayDto[];
  @ApiProperty({ type: [TopProductDto] }) topProductsByUnits: TopProductDto[];
  @ApiProperty({ type: [TopProductDto] }) topProductsByRevenue: TopProductDto[];
}
