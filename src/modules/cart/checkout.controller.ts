import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { Idempotent } from '../../common/http/idempotency';
import { ApiIfMatch, orderLocation } from './cart-http';
import { CheckoutService } from './checkout.service';
import { CheckoutConflictProblemDto, CheckoutRefusedProblemDto } from './dto/cart-problems.dto';
import { CheckoutDto, CheckoutOrderDto } from './dto/checkout.dto';

@ApiTags('cart')
@Controller('carts/:id/checkout')
export class CheckoutController {
  constructor(private readonly checkoutService: CheckoutService) {}

  @Post()
  @Authenticated()
  @ApiIfMatch()
  @ApiOperation({
    summary: "Check out the customer's cart: place the order and reserve its stock",
    description:
      'One transaction: lines are priced from the price book (never from the client), the order is created ' +
      'pending payment and every line is reserved, or nothing is written. Short stock is a 409 whose `shortages` ' +
      'list `{ sku, requested, available }`. Lines that can no longer be bought are a 422 naming them. ' +
      'A retry with the same `Idempotency-Key` and body replays the first answer; another body with that key is 422; ' +
      'a retry while the first is in flight is 409.',
  })
  @ApiCreatedResponse({
    type: CheckoutOrderDto,
    description: 'The order placed, pending payment',
    headers: { Location: { description: 'The order: /api/v1/orders/{id}', schema: { type: 'string' } } },
  })
  @ApiProblems(400, 404, [409, CheckoutConflictProblemDto], 412, [422, CheckoutRefusedProblemDto], 503)
  // Below ApiProblems, so that the 409 and 422 with their members replace the plain ones it declares.
  @Idempotent()
  async checkout(
    @IdParam() id: string,
    @Body() body: CheckoutDto,
    @CurrentUser() user: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutOrderDto> {
    const order = await this.checkoutService.checkout(id, user, body, ifMatch);
    void reply.header('Location', orderLocation(order.id));
    return order;
  }
}
