import { bootApp, TestApp } from '../support/app';
import { bearer } from '../support/tokens';
import { admin, auditTrail, checkOutOrder, idempotencyKey, newCustomer, orderOf, pay, placeOrder, published } from './payments-fixtures';

describe('payments: manual, without Stripe keys', () => {
  let t: TestApp;

  beforeAll(async () => {
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE']) delete process.env[name];
    t = await bootApp();
  });
  afterAll(() => t?.close());

  it('offers only manual: stripe is a 422 that says so', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'PAYMENTS.PROVIDER_NOT_CONFIGURED', availableProviders: ['manual'] });
    expect(res.body.detail).toContain('use "manual"');
  });

  it('keeps a manual payment and its order pending until an admin confirms it, then the order is paid', async () => {
    const customer = newCustomer();
    const order = await checkOutOrder(t, customer, 12_345);
    const created = await pay(t, customer, order.orderId, 'manual').expect(201);
    expect(created.body).toMatchObject({ provider: 'manual', status: 'pending', amount: order.total, currency: 'EUR', clientSecret: null });
    expect(await published(t, 'payments.payment-succeeded', created.body.id)).toHaveLength(0);
    expect(await orderOf(t, customer, order.orderId)).toMatchObject({ status: 'pending_payment', payment: { status: 'unpaid' } });

    await t.http.post(`/api/v1/admin/payments/${created.body.id}/confirm`).set(customer.auth).expect(403);
    const confirmed = await t.http.post(`/api/v1/admin/payments/${created.body.id}/confirm`).set(admin()).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'succeeded', amountCaptured: order.total, customerId: customer.userId });
    const paid = await orderOf(t, customer, order.orderId);
    expect(paid).toMatchObject({ status: 'paid', payment: { status: 'paid', paymentId: created.body.id } });
    expect(paid.history.map((h) => h.to)).toEqual(['pending_payment', 'paid']);

    const [event, ...more] = await published(t, 'payments.payment-succeeded', created.body.id);
    expect(more).toHaveLength(0);
    expect(event.payload).toEqual({
      paymentId: created.body.id,
      orderId: order.orderId,
      customerId: customer.userId,
      provider: 'manual',
      amount: { amount: order.total, currency: 'EUR' },
    });
    await t.http.get(`/api/v1/payments/${created.body.id}`).set(customer.auth).expect(200).expect((r) => expect(r.body.status).toBe('succeeded'));
    expect((await t.http.post(`/api/v1/admin/payments/${created.body.id}/confirm`).set(admin()).expect(409)).body.code).toBe('PAYMENTS.NOT_CONFIRMABLE');
    expect((await pay(t, customer, order.orderId, 'manual').expect(409)).body.code).toBe('PAYMENTS.ORDER_ALREADY_PAID');
    expect(await auditTrail(t, created.body.id)).toEqual([
      expect.objectContaining({ type: 'created', to_status: 'pending' }),
      expect.objectContaining({ type: 'status_changed', from_status: 'pending', to_status: 'succeeded', source: 'admin' }),
    ]);
  });

  it('reuses the pending manual payment on a second attempt', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const first = await pay(t, customer, order.orderId, 'manual').expect(201);
    const second = await pay(t, customer, order.orderId, 'manual').expect(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('records manual refunds at once, never more than captured', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer, 1000);
    const created = await pay(t, customer, order.orderId, 'manual').expect(201);
    const refund = (body: object) =>
      t.http.post(`/api/v1/admin/payments/${created.body.id}/refunds`).set(admin()).set('Idempotency-Key', idempotencyKey()).send(body);

    expect((await refund({ amount: 100 }).expect(409)).body.code).toBe('PAYMENTS.NOT_REFUNDABLE');
    await t.http.post(`/api/v1/admin/payments/${created.body.id}/confirm`).set(admin()).expect(200);
    const partial = await refund({ amount: 400, reason: 'one item returned', restock: true }).expect(201);
    expect(partial.body).toMatchObject({ amount: 400, status: 'succeeded', restock: true, providerRef: null });
    expect((await refund({ amount: 601 }).expect(409)).body.code).toBe('PAYMENTS.REFUND_EXCEEDS_CAPTURED');
    await refund({ amount: 600 }).expect(201);
    await refund({ amount: 1 }).expect(409);
    await refund({ amount: 0 }).expect(400);
    await t.http.post(`/api/v1/admin/payments/${created.body.id}/refunds`).set(admin()).send({ amount: 1 }).expect(400);

    const events = await published(t, 'payments.refund-issued', created.body.id);
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ amount: { amount: 400, currency: 'EUR' }, restock: true, reason: 'one item returned', fullyRefunded: false, orderId: order.orderId }),
      expect.objectContaining({ amount: { amount: 600, currency: 'EUR' }, totalRefunded: { amount: 1000, currency: 'EUR' }, fullyRefunded: true }),
    ]);
  });

  it('refuses webhooks while no webhook secret is configured', async () => {
    const res = await t.http.post('/api/v1/payments/webhooks/stripe').set('Content-Type', 'application/json').set('Stripe-Signature', 't=1,v1=x').send('{}').expect(503);
    expect(res.body.code).toBe('PAYMENTS.WEBHOOK_NOT_CONFIGURED');
  });

  it('documents the payment routes truthfully in OpenAPI', async () => {
    const { body: doc } = await t.http.get('/docs/openapi.json').expect(200);
    const create = doc.paths['/api/v1/payments'].post;
    expect(create.tags).toEqual(['payments']);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '404', '409', '422', '503']));
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    expect(JSON.stringify(doc.components.schemas.CreatePaymentDto)).toContain('PROVIDER_NOT_CONFIGURED');
    const webhook = doc.paths['/api/v1/payments/webhooks/stripe'].post;
    expect(webhook.security ?? []).toEqual([]);
    expect(Object.keys(webhook.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(doc.paths['/api/v1/payments/{id}'].get.tags).toEqual(['payments']);
    for (const path of ['/api/v1/admin/payments/{id}/confirm', '/api/v1/admin/payments/{id}/refunds']) {
      expect(doc.paths[path].post.tags).toEqual(['admin: payments']);
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(['401', '403', '404', '409']));
    }
  });

  it('hides admin routes from customers', async () => {
    await t.http.get('/api/v1/admin/payments').set(bearer({ role: 'customer' })).expect(403);
  });
});
