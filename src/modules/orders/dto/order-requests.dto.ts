import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { ORDER_STATUSES } from '../order-status';
import type { OrderStatus } from '../orders.events';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CancelOrderDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Ordered the wrong size' })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(500)
  note?: string;
}

export class OrderTransitionDto {
  @ApiProperty({ enum: ORDER_STATUSES, description: 'The status to move to; illegal moves are 409' })
  @IsIn(ORDER_STATUSES)
  to: OrderStatus;

  @ApiPropertyOptional({ maxLength: 100, description: 'Required when `to` is `shipped`', example: '1Z999AA10123456784' })
  @ValidateIf((o: OrderTransitionDto) => o.to === 'shipped' || o.trackingNumber !== undefined)
  @Transform(trim) @IsString() @IsNotEmpty({ message: 'trackingNumber is required to ship an order' }) @MaxLength(100)
  trackingNumber?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @Transform(trim) @IsString() @MaxLength(500)
  note?: string;
}

export class AdminOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional() @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'Placed at or after (ISO 8601 date or date-time)' })
  @IsOptional() @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2025-01-31', description: 'Placed at or before; a date means through the end of that day (UTC)' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: "The customer's id (uuid) or e-mail address" })
  @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(254)
  customer?: string;
}
