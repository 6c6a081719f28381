import { Controller, Delete, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser, OptionallyAuthenticated } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam } from '../../common/http/id-param';
import { cartCaller } from './cart-access';
import { ApiCartOk, ApiCartToken, ApiIfMatch, CART_TOKEN_HEADER, ETAG_HEADER_DOC, withEtag } from './cart-http';
import { CartsService } from './carts.service';
import { CartDto, CreatedCartDto } from './dto/cart.dto';
import { CartViewQueryDto } from './dto/cart-requests.dto';

@ApiTags('cart')
@Controller()
export class CartsController {
  constructor(private readonly carts: CartsService) {}

  @Post('carts')
  @OptionallyAuthenticated()
  @ApiOperation({
    summary: 'Create a cart',
    description:
      'Without a token: a new guest cart and its `cartToken` (shown once; send it as `X-Cart-Token`). ' +
      'With a bearer token: the customer\'s one active cart, created if needed (201) or as it is (200).',
  })
  @ApiCreatedResponse({ type: CreatedCartDto, description: 'A new cart', headers: ETAG_HEADER_DOC })
  @ApiOkResponse({ type: CreatedCartDto, description: "The customer's existing active cart", headers: ETAG_HEADER_DOC })
  async create(@CurrentUser() user: Principal | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<CreatedCartDto> {
    const { cart, created } = await this.carts.create(user);
    void reply.status(created ? 201 : 200);
    return withEtag(reply, cart);
  }

  @Get('me/cart')
  @Authenticated()
  @ApiOperation({ summary: "The customer's active cart (created on demand)" })
  @ApiCartOk('The active cart with shipping and tax estimated for `country` and `shippingMethod`')
  @ApiProblems(400)
  async mine(
    @CurrentUser() user: Principal,
    @Query() estimate: CartViewQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, (await this.carts.mine(user, estimate)).cart);
  }

  @Get('carts/:id')
  @OptionallyAuthenticated()
  @ApiCartToken()
  @ApiOperation({ summary: 'A cart, for its owner (the customer, or a guest holding its token)' })
  @ApiCartOk('The cart with current prices and estimated totals')
  @ApiProblems(400, 404)
  async get(
    @IdParam() id: string,
    @CurrentUser() user: Principal | undefined,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Query() estimate: CartViewQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, await this.carts.get(id, cartCaller(user, token), estimate));
  }

  @Delete('carts/:id')
  @HttpCode(200)
  @OptionallyAuthenticated()
  @ApiCartToken()
  @ApiIfMatch()
  @ApiOperation({ summary: 'Empty a cart' })
  @ApiCartOk('The emptied cart')
  @ApiProblems(400, 404, 409, 412)
  async empty(
    @IdParam() id: string,
    @CurrentUser() user: Principal | undefined,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, await this.carts.empty(id, cartCaller(user, token), ifMatch));
  }

  @Post('carts/:id/merge')
  @HttpCode(200)
  @Authenticated()
  @ApiCartToken('The `cartToken` of the guest cart to merge into this one; without it the guest cart is not found (404)', true)
  @ApiIfMatch()
  @ApiOperation({
    summary: "Merge a guest cart into the customer's cart",
    description:
      'Moves the lines of the guest cart named by `X-Cart-Token` into cart `id` (which must be the caller\'s), ' +
      'adding quantities of variants in both (at most 99 per line), then deletes the guest cart.',
  })
  @ApiCartOk('The merged cart')
  @ApiProblems(400, 404, 409, 412)
  async merge(
    @IdParam() id: string,
    @CurrentUser() user: Principal,
    @Headers(CART_TOKEN_HEADER) token: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CartDto> {
    return withEtag(reply, await this.carts.merge(id, user, token, ifMatch));
  }
}
