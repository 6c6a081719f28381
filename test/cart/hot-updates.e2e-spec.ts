import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { customerCaller } from '../../src/modules/cart/cart-access';
import { MAX_LINE_QUANTITY } from '../../src/modules/cart/cart-item.entity';
import { CartConfig } from '../../src/modules/cart/cart.config';
import { CartStore } from '../../src/modules/cart/cart-store';
import { LineAdditions } from '../../src/modules/cart/line-additions';
import { bootApp, TestApp } from '../support/app';
import { cartWith, customer, publishVariant, Variant } from './fixtures';

/**
 * Every cart change rewrites the cart's row (version, updated_at). As long as no index covers what
 * a change sets, PostgreSQL writes it as a HOT update: a new row version on the same page and no
 * new entry in any of the cart's indexes. Counted by PostgreSQL itself, for the change's transaction.
 */
describe('cart changes are HOT updates', () => {
  let t: TestApp;
  let variants: Variant[];
  beforeAll(async () => {
    t = await bootApp();
    variants = [await publishVariant(t), await publishVariant(t)];
  });
  afterAll(() => t.close());

  it('adding a line and changing a quantity update the cart without touching its indexes', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant: variants[0], quantity: 1 }]);
    const store = t.app.get(CartStore);
    const caller = customerCaller({ userId: buyer.userId, email: buyer.email, role: 'customer' });
    const counted = await t.app.get(DataSource).transaction(async (tx) => {
      const outcome = await t.app.get(LineAdditions).addAlone(tx, {
        cartId, caller, ifMatch: undefined, lineId: randomUUID(), variantId: variants[1].variantId, quantity: 1,
        currency: t.app.get(CartConfig).STORE_CURRENCY, maxQuantity: MAX_LINE_QUANTITY,
      });
      expect(outcome.added).toBe(true);
      await store.beginChange(tx, cartId, caller, undefined);
      return tx.query(
        `SELECT pg_stat_get_xact_tuples_updated('cart.carts'::regclass)::int AS updated,
                pg_stat_get_xact_tuples_hot_updated('cart.carts'::regclass)::int AS hot`,
      );
    });
    const [{ updated, hot }] = counted as { updated: number; hot: number }[];
    expect(updated).toBeGreaterThanOrEqual(2);
    expect(hot).toBe(updated);
  });
});
