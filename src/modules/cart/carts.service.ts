import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/auth.types';
import { newId } from '../../common/database/uuid';
import { CartCaller, customerCaller, hashCartToken, newCartToken } from './cart-access';
import { MAX_LINE_QUANTITY } from './cart-item.entity';
import { CartEstimate, CartPresenter } from './cart-presenter';
import { CART_COLUMNS, CartRow, CartStore } from './cart-store';
import { GuestCartNotFoundError } from './cart.errors';
import type { CartDto, CreatedCartDto } from './dto/cart.dto';

/** Creating, reading, emptying and merging carts; each use case is one transaction. */
@Injectable()
export class CartsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CartStore,
    private readonly presenter: CartPresenter,
  ) {}

  /** A customer gets their active cart (made if needed); a guest gets a new cart and its token. */
  async create(user: Principal | undefined): Promise<{ cart: CreatedCartDto; created: boolean }> {
    if (user) return this.mine(user);
    const cartToken = newCartToken();
    const [cart] = (await this.dataSource.query(
      `INSERT INTO cart.carts (id, token_hash, status) VALUES ($1, $2, 'active') RETURNING ${CART_COLUMNS}`,
      [newId(), hashCartToken(cartToken)],
    )) as CartRow[];
    return { cart: { ...this.presenter.present(cart, []), cartToken }, created: true };
  }

  async mine(user: Principal, estimate: CartEstimate = {}): Promise<{ cart: CartDto; created: boolean }> {
    // Reads need no transaction: each statement stands alone, and READ COMMITTED gives no more.
    const tx = this.dataSource.manager;
    const { cart, created } = await this.store.activeCartOf(tx, user.userId, newId());
    return { cart: await this.presenter.load(tx, cart, estimate), created };
  }

  async get(cartId: string, caller: CartCaller, estimate: CartEstimate = {}): Promise<CartDto> {
    const tx = this.dataSource.manager;
    return this.presenter.load(tx, await this.store.findOwned(tx, cartId, caller), estimate);
  }

  async empty(cartId: string, caller: CartCaller, ifMatch: string | undefined): Promise<CartDto> {
    return this.dataSource.transaction(async (tx) => {
      const cart = await this.store.beginChange(tx, cartId, caller, ifMatch);
      await tx.query(`DELETE FROM cart.cart_items WHERE cart_id = $1`, [cartId]);
      return this.presenter.present(cart, []);
    });
  }

  /**
   * Moves the guest cart's lines (the cart of `guestToken`) into the customer's cart `cartId`,
   * adding quantities of variants in both (capped at the line maximum), and deletes the guest cart.
   */
  async merge(cartId: string, user: Principal, guestToken: string | undefined, ifMatch: string | undefined): Promise<CartDto> {
    return this.dataSource.transaction(async (tx) => {
      const cart = await this.store.beginChange(tx, cartId, customerCaller(user), ifMatch);
      const [guest] = (await tx.query(
        `SELECT id FROM cart.carts WHERE token_hash = $1 AND customer_id IS NULL AND status = 'active' FOR UPDATE`,
        [guestToken ? hashCartToken(guestToken) : null],
      )) as { id: string }[];
      if (!guest) throw new GuestCartNotFoundError();
      const items = (await tx.query(`SELECT variant_id AS "variantId", quantity FROM cart.cart_items WHERE cart_id = $1`, [
        guest.id,
      ])) as { variantId: string; quantity: number }[];
      if (items.length) {
        await tx.query(
          `INSERT INTO cart.cart_items (id, cart_id, variant_id, quantity)
           SELECT id, $1, variant_id, quantity FROM unnest($2::uuid[], $3::uuid[], $4::int[]) AS t(id, variant_id, quantity)
           ON CONFLICT (cart_id, variant_id)
           DO UPDATE SET quantity = LEAST($5, cart_items.quantity + excluded.quantity), updated_at = now()`,
          [cartId, items.map(() => newId()), items.map((i) => i.variantId), items.map((i) => i.quantity), MAX_LINE_QUANTITY],
        );
      }
      await tx.query(`DELETE FROM cart.carts WHERE id = $1`, [guest.id]);
      return this.presenter.load(tx, cart);
    });
  }
}
