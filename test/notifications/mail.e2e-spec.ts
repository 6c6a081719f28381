import { stockUp } from '../support/stock';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobsService } from '../../src/common/jobs/jobs.service';
import { Queues } from '../../src/common/jobs/queues';
import { StockLow } from '../../src/modules/inventory/inventory.events';
import { OrderCancelled, OrderPaid, OrderPlaced, OrderShipped } from '../../src/modules/orders/orders.events';
import { orderContext } from '../../src/modules/notifications/order-mail.context';
import { RefundIssued } from '../../src/modules/payments/payments.events';
import { PasswordResetRequested, UserErased, UserProfileChanged, UserRegistered } from '../../src/modules/users/users.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { linkIn, SmtpCapture } from '../support/smtp-capture';
import { adminMessages, eventJobId, jobCompleted, LogCapture, messageRows, orderFacts, rawToken, uniqueEmail, withEnv } from './helpers';

const STOREFRONT = 'https://shop.emporium.test';
const ALERTS = 'alerts@emporium.test';

describe('notifications: what each event mails', () => {
  const smtp = new SmtpCapture();
  const logs = new LogCapture();
  let restoreEnv: () => void;
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    restoreEnv = withEnv({ SMTP_URL: smtp.url, PUBLIC_STOREFRONT_URL: STOREFRONT, ADMIN_ALERT_EMAIL: ALERTS, STORE_CURRENCY: 'EUR' });
    t = await bootApp();
    await stockUp(t, ['MUG-BLUE', 'CHAIR-OAK']);
    logs.install();
  });

  afterAll(async () => {
    await t.close();
    restoreEnv();
    await smtp.stop();
  });

  const mailTo = (address: string) =>
    eventually(() => {
      const mails = smtp.to(address);
      expect(mails).toHaveLength(1);
      return mails[0];
    });

  it('sends the verification link with the raw token, which the message log and the logs never see', async () => {
    const email = uniqueEmail('new');
    const token = rawToken();
    const event = new UserRegistered({
      userId: randomUUID(), email, firstName: 'Ada', lastName: 'Lovelace',
      verificationToken: token, verificationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await publishCommitted(t.app, event);

    const mail = await mailTo(email);
    expect(mail.subject).toBe('Confirm your e-mail address');
    expect(mail.headers.from).toBe('Emporium <no-reply@emporium.local>');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain(`${STOREFRONT}/verify-email?token=${token}`);
    expect(linkIn(mail, '/verify-email').searchParams.get('token')).toBe(token);
    expect(mail.html).toContain(`href="${STOREFRONT}/verify-email?token=${token}"`);

    // The mail reaches the server a moment before the log records it as sent.
    const rows = await eventually(async () => {
      const found = await messageRows(t, { eventId: event.id });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ template: 'verify-email', recipient: email, status: 'sent', attempts: 1, transport: 'smtp' });
      return found;
    });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(logs.text).not.toContain(token);
    // Its subscriber sent it at once: no send job ever held the token in Redis.
    expect(await t.app.get(Queues).get('notifications').getJob(`send-email-${rows[0].id as string}`)).toBeUndefined();
  });

  it('sends one message after another over the same SMTP connection', async () => {
    const orders = [orderFacts(), orderFacts(), orderFacts()];
    const sessions: string[] = [];
    for (const order of orders) {
      await publishCommitted(t.app, new OrderPlaced(order));
      sessions.push((await mailTo(order.email)).session);
    }
    expect(new Set(sessions).size).toBe(1);
  });

  it('sends the password reset link with the raw token, never stored', async () => {
    const email = uniqueEmail('forgetful');
    const token = rawToken();
    await publishCommitted(t.app, new PasswordResetRequested({
      userId: randomUUID(), email, firstName: null, resetToken: token, expiresAt: '2031-05-06T07:08:00.000Z',
    }));

    const mail = await mailTo(email);
    expect(mail.subject).toBe('Reset your password');
    expect(mail.text).toContain(`${STOREFRONT}/reset-password?token=${token}`);
    expect(linkIn(mail, '/reset-password').searchParams.get('token')).toBe(token);
    expect(mail.html).toContain(`href="${STOREFRONT}/reset-password?token=${token}"`);
    expect(mail.text).toContain('expires on May 6, 2031, 7:08 AM UTC');
    await eventually(async () => expect((await messageRows(t, { recipient: email }))[0]).toMatchObject({ status: 'sent' }));
    expect(JSON.stringify(await messageRows(t, { recipient: email }))).not.toContain(token);
    expect(logs.text).not.toContain(token);
  });

  it('confirms a placed order with its number, lines, total and a link to it', async () => {
    const order = orderFacts();
    await publishCommitted(t.app, new OrderPlaced(order));
    const mail = await mailTo(order.email);
    expect(mail.subject).toBe(`We received your order ${order.orderNumber}`);
    expect(mail.text).toContain('- 2 x Mug (blue) (MUG-BLUE) at €12.50: €25.00');
    expect(mail.text).toContain('Total:    €1,229.89');
    expect(mail.text).toContain(`${STOREFRONT}/orders/${order.orderId}`);
    expect(mail.html).toContain(`href="${STOREFRONT}/orders/${order.orderId}"`);
  });

  it('sends the receipt when the order is paid', async () => {
    const order = orderFacts({ status: 'paid' });
    await publishCommitted(t.app, new OrderPaid(order));
    const mail = await mailTo(order.email);
    expect(mail.subject).toBe(`Receipt for your order ${order.orderNumber}`);
    expect(mail.text).toContain('Oak chair (CHAIR-OAK) at €1,199.99');
    expect(mail.text).toContain('Amount paid: €1,229.89');
    expect(mail.html).toContain('<strong>€1,229.89</strong>');
  });

  it('sends the tracking number when the order ships', async () => {
    const order = orderFacts({ status: 'shipped' });
    await publishCommitted(t.app, new OrderShipped({ ...order, trackingNumber: '1Z999AA10123456784' }));
    const mail = await mailTo(order.email);
    expect(mail.subject).toBe(`Your order ${order.orderNumber} is on its way`);
    expect(mail.text).toContain('Tracking number: 1Z999AA10123456784');
    expect(mail.html).toContain('<strong>1Z999AA10123456784</strong>');
  });

  it('tells the customer why the order was cancelled and that a paid one is refunded', async () => {
    const order = orderFacts({ status: 'cancelled' });
    await publishCommitted(t.app, new OrderCancelled({ ...order, previousStatus: 'paid', wasPaid: true, reason: 'admin', note: null }));
    const mail = await mailTo(order.email);
    expect(mail.subject).toBe(`Your order ${order.orderNumber} was cancelled`);
    expect(mail.text).toContain(`Your order ${order.orderNumber} (€1,229.89) was cancelled by our team.`);
    expect(mail.text).toContain('will be refunded');
  });

  it('tells the customer about a refund, at the address the order was placed with', async () => {
    const order = orderFacts();
    await publishCommitted(t.app, new OrderPlaced(order));
    await mailTo(order.email);
    await publishCommitted(t.app, refundOf(order, 5000, 5000));
    const mail = await eventually(() => {
      const refund = smtp.to(order.email).find((m) => m.subject.startsWith('Refund'));
      expect(refund).toBeDefined();
      return refund!;
    });
    expect(mail.subject).toBe(`Refund for your order ${order.orderNumber}`);
    expect(mail.text).toContain(`We refunded €50.00 for your order ${order.orderNumber}.`);
    expect(mail.text).toContain('Refunded so far: €50.00.');
  });

  it('mails nobody for a refund of an order it never saw placed', async () => {
    const refund = refundOf(orderFacts(), 100, 100);
    await publishCommitted(t.app, refund);
    await jobCompleted(t, eventJobId(refund.id, 'OrderMailListener.onRefundIssued'));
    expect(await messageRows(t, { eventId: refund.id })).toHaveLength(0);
    // The log capture sees the module's log lines (so its silence about tokens means something).
    expect(logs.text).toContain('refund of an order we never saw placed');
    expect(logs.text).toContain(refund.payload.orderId);
  });

  it('alerts the staff address when stock runs low', async () => {
    const sku = `SKU-${randomUUID().slice(0, 6)}`;
    await publishCommitted(t.app, new StockLow({ sku, available: 2, reorderLevel: 5 }));
    const mail = await eventually(() => {
      const alert = smtp.to(ALERTS).find((m) => m.subject.includes(sku));
      expect(alert).toBeDefined();
      return alert!;
    });
    expect(mail.subject).toBe(`Stock low: ${sku} (2 left)`);
    expect(mail.text).toContain(`SKU ${sku} is running low: 2 available, reorder level 5.`);
  });

  describe('redelivery', () => {
    it('mails once when the event is relayed and handled again: the message log is the inbox', async () => {
      const order = orderFacts({ status: 'paid' });
      const event = new OrderPaid(order);
      await publishCommitted(t.app, event);
      await mailTo(order.email);
      await eventually(async () => expect((await messageRows(t, { eventId: event.id }))[0]).toMatchObject({ status: 'sent' }));

      // Forget every trace of the first delivery except our message log, and relay the event again.
      const jobId = eventJobId(event.id, 'OrderMailListener.onOrderPaid');
      const queue = t.app.get(Queues).get('notifications');
      await (await queue.getJob(jobId))!.remove();
      const db = t.app.get(DataSource);
      await db.query(`UPDATE platform.outbox SET dispatched_at = NULL WHERE id = $1`, [event.id]);

      await jobCompleted(t, jobId);
      expect(await db.query(`SELECT 1 FROM platform.inbox WHERE event_id = $1 AND subscriber LIKE 'OrderMailListener.%'`, [event.id])).toEqual([]);
      expect(await queue.getJobCounts('waiting', 'active', 'delayed')).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
      expect(await messageRows(t, { eventId: event.id })).toHaveLength(1);
      expect(smtp.to(order.email)).toHaveLength(1);
    });

    it('sends a recorded message whose send job was never enqueued, when the event comes again', async () => {
      // The first delivery recorded the message and stopped before enqueueing its job (Redis
      // refused, or the process died): the event's job is retried, and this is its second run.
      const order = orderFacts();
      const event = new OrderPlaced(order);
      const db = t.app.get(DataSource);
      const [{ id }] = await db.query(
        `INSERT INTO notifications.messages (id, event_id, template, recipient, user_id, subject, context, status)
         VALUES ($1, $2, 'order-received', $3, $4, 'Order received', $5, 'queued') RETURNING id`,
        [randomUUID(), event.id, order.email, order.customerId, JSON.stringify(orderContext(order))],
      );
      await publishCommitted(t.app, event);

      await jobCompleted(t, eventJobId(event.id, 'OrderMailListener.onOrderPlaced'));
      await jobCompleted(t, `send-email-${id as string}`);
      const [row] = await messageRows(t, { eventId: event.id });
      expect(row).toMatchObject({ id, status: 'sent', attempts: 1 });
      expect(smtp.to(order.email)).toHaveLength(1);
    });

    it('mails once when the send job runs twice', async () => {
      const order = orderFacts({ status: 'shipped' });
      const event = new OrderShipped({ ...order, trackingNumber: 'TRACK-2X' });
      await publishCommitted(t.app, event);
      await mailTo(order.email);
      const [row] = await messageRows(t, { eventId: event.id });
      await eventually(async () => expect((await messageRows(t, { eventId: event.id }))[0]).toMatchObject({ status: 'sent' }));

      await t.app.get(JobsService).enqueue('notifications', 'send-email', { messageId: row.id }, { jobId: `again-${row.id as string}` });
      await jobCompleted(t, `again-${row.id as string}`);
      expect(smtp.to(order.email)).toHaveLength(1);
      expect((await messageRows(t, { eventId: event.id }))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    });
  });

  describe('personal data', () => {
    it('sends later order mail to the address the customer changed to', async () => {
      const order = orderFacts();
      await publishCommitted(t.app, new OrderPlaced(order));
      await mailTo(order.email);
      const newEmail = uniqueEmail('moved');
      const change = new UserProfileChanged({ userId: order.customerId, email: newEmail, firstName: 'Ada', lastName: null });
      await publishCommitted(t.app, change);
      await jobCompleted(t, eventJobId(change.id, 'PersonalDataListener.onUserProfileChanged'));

      await publishCommitted(t.app, refundOf(order, 1000, 1000));
      const mail = await mailTo(newEmail);
      expect(mail.subject).toBe(`Refund for your order ${order.orderNumber}`);
    });

    it('forgets an erased customer: no address in the log, no more mail about their orders', async () => {
      const order = orderFacts();
      await publishCommitted(t.app, new OrderPlaced(order));
      await mailTo(order.email);
      const erased = new UserErased({ userId: order.customerId });
      await publishCommitted(t.app, erased);
      await jobCompleted(t, eventJobId(erased.id, 'PersonalDataListener.onUserErased'));

      expect(await messageRows(t, { recipient: order.email })).toHaveLength(0);
      const [row] = await t.app.get(DataSource).query(
        `SELECT recipient, context, status FROM notifications.messages WHERE user_id = $1`, [order.customerId]);
      expect(row).toEqual({ recipient: null, context: {}, status: 'sent' });

      const refund = refundOf(order, 100, 100);
      await publishCommitted(t.app, refund);
      await jobCompleted(t, eventJobId(refund.id, 'OrderMailListener.onRefundIssued'));
      expect(await messageRows(t, { eventId: refund.id })).toHaveLength(0);
      expect(await adminMessages(t, order.email)).toHaveLength(0);
    });
  });
});

function refundOf(order: ReturnType<typeof orderFacts>, amount: number, totalRefunded: number): RefundIssued {
  return new RefundIssued({
    refundId: randomUUID(),
    paymentId: randomUUID(),
    orderId: order.orderId,
    customerId: order.customerId,
    amount: { amount, currency: 'EUR' },
    totalRefunded: { amount: totalRefunded, currency: 'EUR' },
    fullyRefunded: false,
    restock: false,
    reason: null,
  });
}
