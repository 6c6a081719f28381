import { UserErased } from '../../src/modules/users/users.events';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { address, admin, cartWith, checkoutBody, customer, db, placeOrder, publishVariant } from '../cart/fixtures';

describe('erasing a customer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('anonymises their orders and drops their carts', async () => {
    const variant = await publishVariant(t);
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }], checkoutBody({ shippingAddress: address({ phone: '+49 221 1234567', region: 'NRW' }) }));
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 2 }]);
    const bystander = customer();
    const untouched = await placeOrder(t, bystander, [{ variant, quantity: 1 }]);

    await publishCommitted(t.app, new UserErased({ userId: buyer.userId }));

    const staff = admin();
    const erased = (await t.http.get(`/api/v1/admin/orders/${order.id}`).set(staff.auth).expect(200)).body;
    expect(erased.email).toBe(`erased+${order.id}@invalid`);
    expect(erased.shippingAddress).toEqual({
      fullName: '(erased)', line1: '(erased)', line2: null, city: '(erased)', postalCode: '(erased)', phone: null, region: 'NRW', country: 'DE',
    });
    expect(erased.total.amount).toBe(order.total.amount);
    expect(await db(t).query(`SELECT 1 FROM cart.carts WHERE id = $1`, [cartId])).toEqual([]);
    const other = (await t.http.get(`/api/v1/admin/orders/${untouched.id}`).set(staff.auth).expect(200)).body;
    expect(other.email).toBe(bystander.email);
  });
});
