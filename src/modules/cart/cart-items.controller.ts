import { Body, Controller, Delete, Headers, HttpCode, Patch, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, OptionallyAuthenticated } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { cartCaller } from './cart-access';
import { ApiCartOk, ApiCartToken, ApiIfMatch, CART_TOKEN_HEADER, withEtag } from './cart-http';
import { CartItemsService } from './cart-items.service';
import { CartDto } from './dto/cart.dto';
import { CartConflictProblemDto, CartLineProblemDto } from './dto/cart-problems.dto';
import { AddCartItemDto, UpdateCartItemDto } from './dto/cart-requests.dto';

@ApiTags('cart')
@OptionallyAuthenticated()
@ApiCartToken()
@ApiIfMatch()
@Controller('carts/:id/items')
export class CartItemsController {
  constructor(private readonly items: CartItemsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add a variant to a cart',
    description: 'Adding a variant already in the cart adds to its quantity (at most 99 per line). Unknown, archived or unpublished variants are refused (422 naming the variant).',
  })
  @ApiCartOk('The cart with the line added')
  @ApiProblems(400, 404, [409, CartConflictProblemDto], 412, [422, CartLineProblemDto])
  async add(
    @IdParam() id: string,
    @Body() body: AddCartItemDto,
    @CurrentUser() user: Principal | undefined,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, await this.items.add(id, cartCaller(user, token), body.variantId, body.quantity, ifMatch));
  }

  @Patch(':itemId')
  @ApiOperation({ summary: "Set a line's quantity (0 removes the line)" })
  @ApiCartOk('The changed cart')
  @ApiProblems(400, 404, 409, 412)
  async update(
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @Body() body: UpdateCartItemDto,
    @CurrentUser() user: Principal | undefined,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, await this.items.update(id, cartCaller(user, token), itemId, body.quantity, ifMatch));
  }

  @Delete(':itemId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a line' })
  @ApiCartOk('The cart without the line')
  @ApiProblems(400, 404, 409, 412)
  async remove(
    @IdParam() id: string,
    @IdParam('itemId') itemId: string,
    @CurrentUser() user: Principal | undefined,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, await this.items.remove(id, cartCaller(user, token), itemId, ifMatch));
  }
}
