import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../common/auth/auth.types';

/** Who asks for a cart: a customer (bearer token), a guest (X-Cart-Token), both, or neither. */
export interface CartCaller {
  customerId: string | null;
  tokenHash: string | null;
}

export const CART_TOKEN_FORMAT = /^[A-Za-z0-9_-]{20,128}$/;

/** A guest cart's bearer secret: 256 random bits, shown once, stored only as its hash. */
export const newCartToken = (): string => randomBytes(32).toString('base64url');

export const hashCartToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function cartCaller(user: Principal | undefined, cartToken: string | string[] | undefined): CartCaller {
  const token = typeof cartToken === 'string' && CART_TOKEN_FORMAT.test(cartToken) ? cartToken : null;
  return { customerId: user?.userId ?? null, tokenHash: token ? hashCartToken(token) : null };
}

export const customerCaller = (user: Principal): CartCaller => ({ customerId: user.userId, tokenHash: null });
