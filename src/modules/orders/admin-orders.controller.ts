import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { AdminOrdersService } from './admin-orders.service';
import { OrderDto, OrderPageDto } from './dto/order.dto';
import { AdminOrdersQueryDto, OrderTransitionDto } from './dto/order-requests.dto';
import { SalesReportDto, SalesReportQueryDto } from './dto/sales-report.dto';
import { SalesReportService } from './sales-report.service';
import { OrderConflictProblemDto } from './dto/order-problems.dto';

@ApiTags('admin: orders')
@AdminOnly()
@Controller('admin')
export class AdminOrdersController {
  constructor(
    private readonly orders: AdminOrdersService,
    private readonly sales: SalesReportService,
  ) {}

  @Get('orders')
  @ApiOperation({ summary: 'All orders, newest first, filtered by status, placing date and customer' })
  @ApiOkResponse({ type: OrderPageDto })
  @ApiProblems(400)
  list(@Query() query: AdminOrdersQueryDto): Promise<OrderPageDto> {
    return this.orders.list(query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'An order with its full history' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems(400, 404)
  get(@IdParam() id: string): Promise<OrderDto> {
    return this.orders.get(id);
  }

  @Post('orders/:id/transitions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move an order along its process',
    description:
      'paid -> fulfilled -> shipped (`trackingNumber` required, else 400) -> delivered; pending_payment or paid -> cancelled ' +
      '(a paid order is then refunded by payments and restocked by inventory). `paid` is reached only through a payment. ' +
      'Any other move is 409 `ORDERS.ILLEGAL_TRANSITION`, listing the allowed ones.',
  })
  @ApiOkResponse({ type: OrderDto, description: 'The order after the transition' })
  @ApiProblems(400, 404, [409, OrderConflictProblemDto], 503)
  transition(
    @CurrentUser() admin: Principal,
    @IdParam() id: string,
    @Body() body: OrderTransitionDto,
  ): Promise<OrderDto> {
    return this.orders.transition(admin, id, body);
  }

  @Get('reports/sales')
  @ApiOperation({
    summary: 'Sales per day and top products over a date range',
    description:
      'Counts orders by the UTC day they were paid, if they are still paid or further along (cancelled orders drop out). ' +
      'Revenue is order totals in the store currency, before refunds. At most 366 days.',
  })
  @ApiOkResponse({ type: SalesReportDto })
  @ApiProblems(400)
  salesReport(@Query() query: SalesReportQueryDto): Promise<SalesReportDto> {
    return this.sales.report(query);
  }
}
