import { ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../../../common/errors/problem';
import { ORDER_STATUSES } from '../order-status';

/** 409 on moving an order: where it is, and where it may go. */
export class OrderConflictProblemDto extends ProblemDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'ORDERS.NOT_CANCELLABLE: the order\'s status' }) orderStatus?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'ORDERS.ILLEGAL_TRANSITION: the status it is in' }) from?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'ORDERS.ILLEGAL_TRANSITION: the status asked for' }) to?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES, isArray: true, description: 'ORDERS.ILLEGAL_TRANSITION: the moves allowed from here' })
  allowed?: string[];
}
