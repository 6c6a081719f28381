import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { versionEtag } from '../../common/http/etag';
import { CART_TOKEN_FORMAT } from './cart-access';
import { CartDto } from './dto/cart.dto';

export const CART_TOKEN_HEADER = 'x-cart-token';

export const ETAG_HEADER_DOC = {
  ETag: { description: 'The cart version, for `If-Match`', schema: { type: 'string', example: 'W/"0192...-3"' } },
};

/** `X-Cart-Token`: how a guest proves a cart is theirs. A malformed token names no cart (404). */
export const ApiCartToken = (
  description = 'The `cartToken` of a guest cart (not needed for a customer\'s own cart)',
  required = false,
) => ApiHeader({ name: 'X-Cart-Token', required, description, schema: { type: 'string', pattern: CART_TOKEN_FORMAT.source } });

export const ApiIfMatch = () =>
  ApiHeader({ name: 'If-Match', required: false, description: 'The cart\'s ETag; a stale one is answered 412' });

/** Where a placed order is: the checkout's `Location`. */
export const orderLocation = (orderId: string) => `/api/v1/orders/${orderId}`;

/** A 200 answer with the cart and its ETag. */
export const ApiCartOk = (description: string) => applyDecorators(ApiOkResponse({ type: CartDto, description, headers: ETAG_HEADER_DOC }));

/** Every cart answer carries its version as ETag. */
export function withEtag<T extends CartDto>(reply: FastifyReply, cart: T): T {
  void reply.header('ETag', versionEtag(cart.id, cart.version));
  return cart;
}
