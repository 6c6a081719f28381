import { randomUUID } from 'node:crypto';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { bearer } from '../support/tokens';
import { cartWith, checkoutBody, customer, publishVariant } from '../cart/fixtures';

describe('journey: an unpaid order times out', () => {
  let t: TestApp;
  let restoreEnv: () => void;
  beforeAll(async () => {
    restoreEnv = withEnv({ PAYMENT_TIMEOUT_SECONDS: '1' });
    t = await bootApp();
  });
  afterAll(async () => {
    await t.close();
    restoreEnv();
  });

  it('cancels the order and releases its reservation', async () => {
    const admin = bearer({ role: 'admin' });
    const kettle = await publishVariant(t, { name: 'Copper kettle' }, 3);
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant: kettle, quantity: 2 }]);
    const order = await t.http
      .post(`/api/v1/carts/${cartId}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .send(checkoutBody())
      .expect(201);
    expect((await t.http.get(`/api/v1/admin/inventory/${kettle.sku}`).set(admin)).body.reserved).toBe(2);

    await eventually(async () => {
      const res = await t.http.get(`/api/v1/orders/${order.body.id}`).set(buyer.auth).expect(200);
      expect(res.body.status).toBe('cancelled');
    });
    const stock = await t.http.get(`/api/v1/admin/inventory/${kettle.sku}`).set(admin).expect(200);
    expect(stock.body).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    const ledger = await t.http.get(`/api/v1/admin/inventory/${kettle.sku}/ledger`).set(admin).expect(200);
    expect(ledger.body.items.map((e: { kind: string }) => e.kind)).toEqual(['release', 'reserve', 'receive']);
  });
});
