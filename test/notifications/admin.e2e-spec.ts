import { stockUp } from '../support/stock';
import { randomUUID } from 'node:crypto';
import { OrderPlaced } from '../../src/modules/orders/orders.events';
import { UserRegistered } from '../../src/modules/users/users.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { admin, adminMessages, customer, LogCapture, messageRows, orderFacts, rawToken, uniqueEmail, withEnv } from './helpers';

describe('notifications: admin log, and the demo without an SMTP server', () => {
  const logs = new LogCapture();
  let restoreEnv: () => void;
  let t: TestApp;

  beforeAll(async () => {
    restoreEnv = withEnv({ SMTP_URL: undefined });
    t = await bootApp();
    await stockUp(t, ['MUG-BLUE', 'CHAIR-OAK']);
    logs.install();
  });

  afterAll(async () => {
    await t.close();
    restoreEnv();
  });

  it('without SMTP_URL writes the message to the log instead (never the token) and counts it sent', async () => {
    const email = uniqueEmail('demo');
    const token = rawToken();
    const event = new UserRegistered({
      userId: randomUUID(), email, firstName: null, lastName: null,
      verificationToken: token, verificationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await publishCommitted(t.app, event);

    const [message] = await eventually(async () => {
      const items = await adminMessages(t, email);
      expect(items[0]).toMatchObject({ template: 'verify-email', status: 'sent', transport: 'log', attempts: 1, lastError: null });
      return items;
    });
    const line = logs.lines.find((l) => l.includes(message.id));
    expect(line).toContain(email);
    expect(line).toContain('Confirm your e-mail address');
    expect(line).toContain('verify-email');
    expect(logs.text).not.toContain(token);
    expect(JSON.stringify(await messageRows(t, { eventId: event.id }))).not.toContain(token);
  });

  it('lists messages newest first, filtered by recipient and status, a page at a time', async () => {
    const email = uniqueEmail('Paged');
    const orders = [orderFacts({ email }), orderFacts({ email }), orderFacts({ email })];
    // One after the other, so the messages are created in this order (the queue works in parallel).
    for (const [i, order] of orders.entries()) {
      await publishCommitted(t.app, new OrderPlaced(order));
      await eventually(async () => expect((await adminMessages(t, email)).filter((m) => m.status === 'sent')).toHaveLength(i + 1));
    }

    const first = await t.http.get('/api/v1/admin/notifications')
      .query({ recipient: email.toUpperCase(), status: 'sent', limit: 2 }).set(admin()).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get('/api/v1/admin/notifications')
      .query({ recipient: email, status: 'sent', limit: 2, cursor: first.body.nextCursor }).set(admin()).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();

    const subjects = [...first.body.items, ...second.body.items].map((m: { subject: string }) => m.subject);
    expect(subjects).toEqual(orders.reverse().map((o) => `We received your order ${o.orderNumber}`));
    expect(first.body.items[0]).toEqual({
      id: expect.any(String), template: 'order-received', recipient: email, subject: subjects[0], status: 'sent',
      attempts: 1, lastError: null, transport: 'log', eventId: expect.any(String),
      createdAt: expect.any(String), sentAt: expect.any(String),
    });

    const queued = await t.http.get('/api/v1/admin/notifications').query({ recipient: email, status: 'queued' }).set(admin()).expect(200);
    expect(queued.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses bad filters and cursors', async () => {
    await t.http.get('/api/v1/admin/notifications').query({ status: 'lost' }).set(admin()).expect(400);
    await t.http.get('/api/v1/admin/notifications').query({ limit: 101 }).set(admin()).expect(400);
    await t.http.get('/api/v1/admin/notifications').query({ cursor: 'not-a-cursor' }).set(admin()).expect(400);
    await t.http.get('/api/v1/admin/notifications').query({ recipient: 'nobody' }).set(admin()).expect(400);
  });

  it('answers a retry of an unknown message with 404, of a sent one with 409, of a malformed id with 400', async () => {
    const unknown = await t.http.post(`/api/v1/admin/notifications/${randomUUID()}/retry`).set(admin()).expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.code).toBe('NOTIFICATIONS.MESSAGE_NOT_FOUND');

    const email = uniqueEmail('sent');
    await publishCommitted(t.app, new OrderPlaced(orderFacts({ email })));
    const [sent] = await eventually(async () => {
      const items = await adminMessages(t, email);
      expect(items[0]?.status).toBe('sent');
      return items;
    });
    const conflict = await t.http.post(`/api/v1/admin/notifications/${sent.id}/retry`).set(admin()).expect(409);
    expect(conflict.body).toMatchObject({ code: 'NOTIFICATIONS.MESSAGE_NOT_FAILED', messageStatus: 'sent' });

    await t.http.post('/api/v1/admin/notifications/42/retry').set(admin()).expect(400);
  });

  it('is for staff only: 401 without a token, 403 for customers', async () => {
    await t.http.get('/api/v1/admin/notifications').expect(401);
    await t.http.post(`/api/v1/admin/notifications/${randomUUID()}/retry`).expect(401);
    const forbidden = await t.http.get('/api/v1/admin/notifications').set(customer()).expect(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    await t.http.post(`/api/v1/admin/notifications/${randomUUID()}/retry`).set(customer()).expect(403);
  });

  it('documents both routes and their errors in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const list = doc.paths['/api/v1/admin/notifications'].get;
    const retry = doc.paths['/api/v1/admin/notifications/{id}/retry'].post;
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
    expect(Object.keys(retry.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '403', '404', '409']));
    expect(doc.components.schemas.NotificationDto.properties).toHaveProperty('lastError');
  });
});
