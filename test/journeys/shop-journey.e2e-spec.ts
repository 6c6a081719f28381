import { randomUUID } from 'node:crypto';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { SmtpCapture } from '../support/smtp-capture';
import { StripeEmulator } from '../support/stripe-emulator';
import { bearer } from '../support/tokens';
import { checkoutBody } from '../cart/fixtures';
import { registerUser } from '../users/users-support';

/**
 * The whole shop over HTTP, across every module: a guest fills a cart, signs up, merges it, checks
 * out, pays with Stripe (the real SDK against the emulator, a signed webhook), gets the receipt by
 * e-mail, and is partly refunded.
 */
describe('journey: guest cart to paid, refunded order', () => {
  const smtp = new SmtpCapture();
  let stripe: StripeEmulator;
  let t: TestApp;
  let restoreEnv: () => void;
  const admin = bearer({ role: 'admin' });

  beforeAll(async () => {
    await smtp.start();
    stripe = await StripeEmulator.start();
    restoreEnv = withEnv({ ...stripe.env(), SMTP_URL: smtp.url, STORE_CURRENCY: 'EUR' });
    t = await bootApp();
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await smtp.stop();
    restoreEnv();
  });

  const stockOf = async (sku: string) => (await t.http.get(`/api/v1/admin/inventory/${sku}`).set(admin).expect(200)).body;
  const ledgerKinds = async (sku: string) =>
    (await t.http.get(`/api/v1/admin/inventory/${sku}/ledger`).set(admin).expect(200)).body.items.map((e: { kind: string }) => e.kind);

  it('goes from a guest cart to a paid order with a receipt, and refunds part of it', async () => {
    const created = await t.http
      .post('/api/v1/admin/products')
      .set(admin)
      .send({
        name: 'Leather jacket',
        status: 'published',
        attributes: { brand: 'acme', material: 'leather' },
        variants: [{ sku: `LJ-${randomUUID().slice(0, 8)}`, options: { size: 'M', colour: 'blue' }, price: 12000 }],
      })
      .expect(201);
    const page = await t.http.get(`/api/v1/products/${created.body.slug}`).expect(200);
    const jacket = { variantId: page.body.variants[0].id as string, sku: page.body.variants[0].sku as string };
    await t.http.put(`/api/v1/admin/inventory/${jacket.sku}`).set(admin).send({ onHand: 10 }).expect(200);
    await eventually(async () => {
      const res = await t.http.get(`/api/v1/inventory/${jacket.sku}`).expect(200);
      expect(res.body).toEqual({ sku: jacket.sku, available: 10, inStock: true });
    });

    const guest = await t.http.post('/api/v1/carts').expect(201);
    const cartToken: string = guest.body.cartToken;
    await t.http
      .post(`/api/v1/carts/${guest.body.id}/items`)
      .set('X-Cart-Token', cartToken)
      .send({ variantId: jacket.variantId, quantity: 2 })
      .expect(200);

    const shopper = await registerUser(t);
    const mine = await t.http.get('/api/v1/me/cart').set(shopper.auth).expect(200);
    const merged = await t.http
      .post(`/api/v1/carts/${mine.body.id}/merge`)
      .set(shopper.auth)
      .set('X-Cart-Token', cartToken)
      .expect(200);
    expect(merged.body.items).toMatchObject([{ variantId: jacket.variantId, quantity: 2 }]);

    const checkout = await t.http
      .post(`/api/v1/carts/${mine.body.id}/checkout`)
      .set(shopper.auth)
      .set('Idempotency-Key', randomUUID())
      .send(checkoutBody())
      .expect(201);
    const orderId: string = checkout.body.id;
    expect(checkout.headers.location).toBe(`/api/v1/orders/${orderId}`);
    const order = await t.http.get(`/api/v1/orders/${orderId}`).set(shopper.auth).expect(200);
    expect(order.body).toMatchObject({ status: 'pending_payment', lines: [{ sku: jacket.sku, quantity: 2 }] });
    expect(order.body.history).toHaveLength(1);
    expect(await stockOf(jacket.sku)).toMatchObject({ onHand: 10, reserved: 2, available: 8 });
    expect(await ledgerKinds(jacket.sku)).toEqual(['reserve', 'receive']);
    await eventually(async () => {
      const shelf = await t.http.get(`/api/v1/products/${created.body.slug}`).expect(200);
      expect(shelf.body.variants[0]).toMatchObject({ available: 8, inStock: true });
    });

    const payment = await t.http
      .post('/api/v1/payments')
      .set(shopper.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ orderId, provider: 'stripe' })
      .expect(201);
    const [intent] = stripe.createdIntents({ paymentId: payment.body.id });
    expect(intent.amount).toBe(order.body.total.amount);
    stripe.succeed(intent.id);
    await t.http
      .post('/api/v1/payments/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', '')
      .send('{}')
      .expect(400);
    const delivery = stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)));
    await t.http
      .post('/api/v1/payments/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', delivery.signature)
      .send(delivery.body)
      .expect(200);

    const paid = await t.http.get(`/api/v1/orders/${orderId}`).set(shopper.auth).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', payment: { status: 'paid', paymentId: payment.body.id } });
    expect(paid.body.history.map((h: { to: string }) => h.to)).toEqual(['pending_payment', 'paid']);
    expect(await stockOf(jacket.sku)).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
    expect(await ledgerKinds(jacket.sku)).toEqual(['sell', 'reserve', 'receive']);

    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(order.body.total.amount / 100);
    const receipt = await eventually(() => {
      const mail = smtp.to(shopper.email).find((m) => m.subject.startsWith('Receipt for your order'));
      expect(mail).toBeDefined();
      return mail!;
    });
    expect(receipt.subject).toContain(order.body.number);
    expect(receipt.text).toContain(total);

    await t.http
      .post(`/api/v1/admin/payments/${payment.body.id}/refunds`)
      .set(admin)
      .set('Idempotency-Key', randomUUID())
      .send({ amount: 5000, reason: 'customer kept one' })
      .expect(201);
    await eventually(() => expect(smtp.to(shopper.email).some((m) => m.subject.startsWith('Refund for your order'))).toBe(true));
  });
});
