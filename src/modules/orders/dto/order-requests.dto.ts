import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination';
import { ORDER_STATUSES } from '../order-status';
import type { OrderStatus } from '../orders.events';
import { Omittable } from '../../../common/http/validation';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CancelOrderDto {
  @ApiPropertyOptional({ maxLength: 500, example: 'Ordered the wrong size' })
  @Omittable() @Transform(trim) @IsString() @MaxLength(500)
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
  @Omittable() @Transform(trim) @IsString() @MaxLength(500)
  note?: string;
}

/**
 * A day (UTC) or a date-time with its offset: the ISO 8601 forms PostgreSQL reads as the same
 * instant in any session time zone. Week dates, ordinal dates, a bare year and year 0 are refused.
 */
const DAY_OR_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DAY_OR_INSTANT_MESSAGE = 'must be a date YYYY-MM-DD or a date-time with an offset (2025-01-31T18:00:00Z)';

export class AdminOrdersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @Omittable() @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({
    example: '2025-01-01',
    pattern: DAY_OR_INSTANT.source,
    description: 'Placed at or after: a date (from the start of that day, UTC) or a date-time with an offset',
  })
  @Omittable() @IsISO8601({ strict: true }) @Matches(DAY_OR_INSTANT, { message: `from ${DAY_OR_INSTANT_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({
    example: '2025-01-31',
    pattern: DAY_OR_INSTANT.source,
    description: 'Placed at or before: a date (through the end of that day, UTC) or a date-time with an offset',
  })
  @Omittable() @IsISO8601({ strict: true }) @Matches(DAY_OR_INSTANT, { message: `to ${DAY_OR_INSTANT_MESSAGE}` })
  to?: string;

  @ApiPropertyOptional({ description: "The customer's id (uuid) or e-mail address" })
  @Omittable() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(254)
  customer?: string;
}
