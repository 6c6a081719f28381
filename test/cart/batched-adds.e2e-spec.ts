import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { customerCaller } from '../../src/modules/cart/cart-access';
import { MAX_LINE_QUANTITY } from '../../src/modules/cart/cart-item.entity';
import { CartConfig } from '../../src/modules/cart/cart.config';
import { LineAdded, LineAddition, LineAdditions } from '../../src/modules/cart/line-additions';
import { bootApp, eventually, TestApp } from '../support/app';
import { lockWaits } from '../support/lock-waits';
import { statementsSentDuring } from '../support/sql-counter';
import { cartWith, customer, db, publishVariant, Shopper, Variant } from './fixtures';

const isBatch = (text: string) => text.includes('WITH wanted AS');
const isAdd = (text: string) => text.includes('INSERT INTO cart.cart_items');

/** The lines an add answered with, as variant and quantity. */
const linesOf = (outcome: LineAdded) =>
  outcome.added && outcome.after ? outcome.after.lines.map((line) => [line.variantId, line.quantity]) : outcome;

/**
 * Adds to carts that arrive in the same event-loop turn go to PostgreSQL as one statement
 * (`LineAdditions`); these specs call it directly, since over HTTP which adds arrive together
 * depends on the load. Each add must come out as if it had been sent on its own.
 */
describe('adds to carts that arrive together', () => {
  let t: TestApp;
  let variants: Variant[];
  let additions: LineAdditions;

  beforeAll(async () => {
    t = await bootApp();
    variants = [await publishVariant(t), await publishVariant(t)];
    additions = t.app.get(LineAdditions);
  });
  afterAll(() => t.close());

  const addition = (cartId: string, shopper: Shopper, variant: Variant, quantity = 1): LineAddition => ({
    cartId,
    caller: customerCaller({ userId: shopper.userId, email: shopper.email, role: 'customer' }),
    ifMatch: undefined,
    lineId: randomUUID(),
    variantId: variant.variantId,
    quantity,
    currency: t.app.get(CartConfig).STORE_CURRENCY,
    maxQuantity: MAX_LINE_QUANTITY,
  });

  async function shoppersWithCarts(count: number): Promise<{ shopper: Shopper; cartId: string }[]> {
    const shoppers = Array.from({ length: count }, customer);
    return Promise.all(shoppers.map(async (shopper) => ({ shopper, cartId: await cartWith(t, shopper, [{ variant: variants[0], quantity: 1 }]) })));
  }

  it('go out as one statement, and each cart gets its own line, version and answer', async () => {
    const carts = await shoppersWithCarts(3);
    let outcomes: LineAdded[] = [];
    const sent = await statementsSentDuring(async () => {
      outcomes = await Promise.all(carts.map(({ cartId, shopper }, i) => additions.add(addition(cartId, shopper, variants[1], i + 1))));
    });
    expect(sent.filter(isAdd)).toEqual(sent.filter(isBatch));
    expect(sent.filter(isBatch)).toHaveLength(1);
    for (const [i, { cartId, shopper }] of carts.entries()) {
      const stored = await t.http.get(`/api/v1/carts/${cartId}`).set(shopper.auth).expect(200);
      expect(stored.body.items.map((line: { variantId: string; quantity: number }) => [line.variantId, line.quantity])).toEqual([
        [variants[0].variantId, 1],
        [variants[1].variantId, i + 1],
      ]);
      expect(linesOf(outcomes[i])).toEqual([
        [variants[0].variantId, 1],
        [variants[1].variantId, i + 1],
      ]);
      expect(outcomes[i].added && outcomes[i].after?.cart.version).toBe(stored.body.version);
    }
  });

  it('sum up when two of them are for the same line', async () => {
    const [{ cartId, shopper }, other] = await shoppersWithCarts(2);
    const outcomes = await Promise.all([
      additions.add(addition(cartId, shopper, variants[1], 2)),
      additions.add(addition(other.cartId, other.shopper, variants[1])),
      additions.add(addition(cartId, shopper, variants[1], 3)),
    ]);
    expect(outcomes.every((outcome) => outcome.added)).toBe(true);
    const stored = await t.http.get(`/api/v1/carts/${cartId}`).set(shopper.auth).expect(200);
    expect(stored.body.items[1]).toMatchObject({ variantId: variants[1].variantId, quantity: 5 });
  });

  it("leave a cart held by another transaction to an add of its own, without holding up the others'", async () => {
    const [busy, ...others] = await shoppersWithCarts(3);
    const holder = new Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM cart.carts WHERE id = $1 FOR UPDATE', [busy.cartId]);
      const [busyAdd, ...otherAdds] = [busy, ...others].map(({ cartId, shopper }) => additions.add(addition(cartId, shopper, variants[1])));
      const settled = { busy: false };
      void busyAdd.then(() => (settled.busy = true));
      await expect(Promise.all(otherAdds)).resolves.toEqual([expect.objectContaining({ added: true }), expect.objectContaining({ added: true })]);
      await eventually(async () => expect(await lockWaits(db(t))).toBe(1));
      expect(settled.busy).toBe(false);
      await holder.query('COMMIT');
      await expect(busyAdd).resolves.toMatchObject({ added: true });
    } finally {
      await holder.end();
    }
    const stored = await t.http.get(`/api/v1/carts/${busy.cartId}`).set(busy.shopper.auth).expect(200);
    expect(stored.body.items[1]).toMatchObject({ variantId: variants[1].variantId, quantity: 1 });
  });

  it("refuse only the add that cannot be made, and still answer another customer's with their cart", async () => {
    const [mine, theirs] = await shoppersWithCarts(2);
    const stranger = customer();
    const [intruder, owner] = await Promise.all([
      additions.add(addition(mine.cartId, stranger, variants[1])),
      additions.add(addition(theirs.cartId, theirs.shopper, variants[1])),
    ]);
    expect(intruder).toEqual({ added: false });
    expect(linesOf(owner)).toEqual([
      [variants[0].variantId, 1],
      [variants[1].variantId, 1],
    ]);
    const untouched = await t.http.get(`/api/v1/carts/${mine.cartId}`).set(mine.shopper.auth).expect(200);
    expect(untouched.body.items).toHaveLength(1);
  });
});
