import { HandlerRegistry } from '../../src/common/events/handler-registry';
import { CartLifecycleProcessor } from '../../src/modules/cart/cart-lifecycle.processor';
import { bootApp, eventually, TestApp } from '../support/app';
import { lockWaits } from '../support/lock-waits';
import { cartWith, customer, db, outboxEvents, publishVariant, Variant } from './fixtures';

describe('cart lifecycle', () => {
  let t: TestApp;
  let lifecycle: CartLifecycleProcessor;
  let variant: Variant;
  beforeAll(async () => {
    t = await bootApp();
    lifecycle = t.app.get(CartLifecycleProcessor);
    variant = await publishVariant(t, { price: { amount: 1500, currency: 'EUR' } });
  });
  afterAll(() => t.close());

  /** Moves a cart's last change into the past, as if nobody had touched it since. */
  const idleFor = (cartId: string, interval: string) =>
    db(t).query(`UPDATE cart.carts SET updated_at = now() - $2::interval WHERE id = $1`, [cartId, interval]);
  const exists = async (cartId: string) => (await db(t).query(`SELECT 1 FROM cart.carts WHERE id = $1`, [cartId])).length === 1;

  it('runs both housekeeping jobs on a schedule', () => {
    const scheduled = t.app.get(HandlerRegistry).scheduledJobs().filter((j) => j.queue === 'cart').map((j) => j.name).sort();
    expect(scheduled).toEqual(['detect-abandoned-carts', 'purge-idle-carts']);
  });

  it('removes guest carts idle for 7 days and customer carts idle for 30', async () => {
    const guestIdle = (await t.http.post('/api/v1/carts').expect(201)).body.id;
    const guestRecent = (await t.http.post('/api/v1/carts').expect(201)).body.id;
    const customerIdle = await cartWith(t, customer(), [{ variant, quantity: 1 }]);
    const customerRecent = await cartWith(t, customer(), [{ variant, quantity: 1 }]);
    await idleFor(guestIdle, '7 days 1 minute');
    await idleFor(guestRecent, '6 days 23 hours');
    await idleFor(customerIdle, '30 days 1 minute');
    await idleFor(customerRecent, '8 days');

    await lifecycle.purgeIdleCarts();

    expect(await exists(guestIdle)).toBe(false);
    expect(await exists(guestRecent)).toBe(true);
    expect(await exists(customerIdle)).toBe(false);
    expect(await exists(customerRecent)).toBe(true);
    expect(await db(t).query(`SELECT 1 FROM cart.cart_items WHERE cart_id = $1`, [customerIdle])).toEqual([]);
  });

  it('keeps an idle cart that is changed while the purge waits for it', async () => {
    const cartId = await cartWith(t, customer(), [{ variant, quantity: 1 }]);
    await idleFor(cartId, '31 days');
    const change = db(t).createQueryRunner();
    await change.connect();
    await change.startTransaction();
    await change.query(`UPDATE cart.carts SET version = version + 1, updated_at = now() WHERE id = $1`, [cartId]);
    const purging = lifecycle.purgeIdleCarts();
    await eventually(async () => expect(await lockWaits(db(t))).toBe(1));
    await change.commitTransaction();
    await change.release();

    await purging;
    expect(await exists(cartId)).toBe(true);
  });

  it('announces a customer cart idle for a day with items, once', async () => {
    const buyer = customer();
    const idle = await cartWith(t, buyer, [{ variant, quantity: 2 }]);
    const fresh = await cartWith(t, customer(), [{ variant, quantity: 1 }]);
    const empty = await cartWith(t, customer(), []);
    const guest = (await t.http.post('/api/v1/carts').expect(201)).body;
    await t.http.post(`/api/v1/carts/${guest.id}/items`).set('X-Cart-Token', guest.cartToken).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    for (const id of [idle, empty, guest.id]) await idleFor(id, '25 hours');
    await idleFor(fresh, '23 hours');

    await lifecycle.detectAbandonedCarts();
    await lifecycle.detectAbandonedCarts();

    const announced = await outboxEvents(t, 'cart.cart-abandoned', 'cartId', idle);
    expect(announced).toHaveLength(1);
    expect(announced[0].payload).toEqual({ cartId: idle, customerId: buyer.userId, itemCount: 2, subtotal: { amount: 3000, currency: 'EUR' } });
    for (const id of [fresh, empty, guest.id]) expect(await outboxEvents(t, 'cart.cart-abandoned', 'cartId', id)).toEqual([]);
  });
});
