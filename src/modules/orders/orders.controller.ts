import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { PageQueryDto } from '../../common/http/pagination';
import { OrderDto, OrderPageDto } from './dto/order.dto';
import { CancelOrderDto } from './dto/order-requests.dto';
import { OrdersService } from './orders.service';
import { OrderConflictProblemDto } from './dto/order-problems.dto';

@ApiTags('orders')
@Authenticated()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: "The customer's orders, newest first" })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400)
  list(@CurrentUser() user: Principal, @Query() query: PageQueryDto): Promise<OrderPageDto> {
    return this.orders.list(user, query.limit, query.cursor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the customer\'s orders: lines, totals, status, history and payment status' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 404)
  get(@CurrentUser() user: Principal, @IdParam() id: string): Promise<OrderDto> {
    return this.orders.get(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an unpaid order',
    description:
      'Only an order pending payment can be cancelled by its customer; its reservation is released. ' +
      'A paid order needs staff (it means a refund), and a shipped one cannot be cancelled: both are 409 `ORDERS.NOT_CANCELLABLE`.',
  })
  @ApiBody({ type: CancelOrderDto, required: false })
  @ApiOkResponse({ type: OrderDto, description: 'The cancelled order' })
  @ApiProblems(400, 404, [409, OrderConflictProblemDto], 503)
  cancel(
    @CurrentUser() user: Principal,
    @IdParam() id: string,
    @Body() body: CancelOrderDto,
  ): Promise<OrderDto> {
    return this.orders.cancel(user, id, body.note);
  }
}
