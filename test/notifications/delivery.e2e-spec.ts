import { randomUUID } from 'node:crypto';
import { OrderPaid } from '../../src/modules/orders/orders.events';
import { PasswordResetRequested, UserErased, UserRegistered } from '../../src/modules/users/users.events';
import { Queues } from '../../src/common/jobs/queues';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { SmtpCapture } from '../support/smtp-capture';
import { admin, adminMessages, eventJobId, jobCompleted, LogCapture, messageRows, orderFacts, rawToken, uniqueEmail, withEnv } from './helpers';

/**
 * A message is tried once by its subscriber, then 6 times by its send job, 100 ms doubling: it is
 * given up on after about 3 s without its server.
 */
const ATTEMPTS = 6;

describe('notifications: delivery when the mail server is down', () => {
  const smtp = new SmtpCapture();
  const logs = new LogCapture();
  let restoreEnv: () => void;
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    restoreEnv = withEnv({ SMTP_URL: smtp.url, JOB_ATTEMPTS: String(ATTEMPTS), JOB_BACKOFF_MS: '100' });
    t = await bootApp();
    logs.install();
  });

  afterAll(async () => {
    await t.close();
    restoreEnv();
    await smtp.stop();
  });

  afterEach(() => smtp.start());

  it('retries with backoff and delivers once the server is back, the admin log showing each step', async () => {
    const order = orderFacts({ status: 'paid' });
    await smtp.stop();
    await publishCommitted(t.app, new OrderPaid(order));

    const failing = await eventually(async () => {
      const [message] = await adminMessages(t, order.email);
      expect(message).toMatchObject({ template: 'order-receipt', status: 'queued' });
      expect(message.attempts).toBeGreaterThanOrEqual(2);
      expect(message.lastError).toContain('ECONNREFUSED');
      return message;
    });
    expect(failing.subject).toBe(`Receipt for your order ${order.orderNumber}`);

    await smtp.start();
    const sent = await eventually(async () => {
      const [message] = await adminMessages(t, order.email);
      expect(message.status).toBe('sent');
      return message;
    });
    expect(sent.attempts).toBeGreaterThanOrEqual(3);
    expect(sent.transport).toBe('smtp');
    expect(smtp.to(order.email)).toHaveLength(1);
    expect(smtp.to(order.email)[0].text).toContain('Amount paid: €1,229.89');
  });

  it('marks the message failed when the attempts run out; an admin retry delivers it, token intact', async () => {
    const email = uniqueEmail('locked-out');
    const token = rawToken();
    await smtp.stop();
    await publishCommitted(t.app, new PasswordResetRequested({
      userId: randomUUID(), email, firstName: 'Grace', resetToken: token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    }));

    const failed = await eventually(async () => {
      const [message] = await adminMessages(t, email);
      expect(message).toMatchObject({ status: 'failed', attempts: 1 + ATTEMPTS });
      return message;
    }, 20_000);
    expect(failed.lastError).toContain('ECONNREFUSED');
    const list = await t.http.get('/api/v1/admin/notifications').query({ status: 'failed' }).set(admin()).expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(failed.id);

    await smtp.start();
    const retried = await t.http.post(`/api/v1/admin/notifications/${failed.id}/retry`).set(admin()).expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'queued' });

    const [mail] = await eventually(() => {
      expect(smtp.to(email)).toHaveLength(1);
      return smtp.to(email);
    });
    expect(mail.text).toContain(`/reset-password?token=${token}`);
    await eventually(async () =>
      expect((await adminMessages(t, email))[0]).toMatchObject({ status: 'sent', attempts: 1 + ATTEMPTS + 1 }),
    );
    // Retrying a sent message is a conflict.
    const again = await t.http.post(`/api/v1/admin/notifications/${failed.id}/retry`).set(admin()).expect(409);
    expect(again.body.code).toBe('NOTIFICATIONS.MESSAGE_NOT_FAILED');

    // The failures were logged, the token never was, nor stored.
    expect(logs.text).toContain('ECONNREFUSED');
    expect(logs.text).not.toContain(token);
    expect(JSON.stringify(await messageRows(t, { recipient: email }))).not.toContain(token);
  });

  it('never sends what is still queued for a customer who is erased meanwhile', async () => {
    const order = orderFacts({ status: 'paid' });
    await smtp.stop();
    await publishCommitted(t.app, new OrderPaid(order));
    const queued = await eventually(async () => {
      const [message] = await adminMessages(t, order.email);
      expect(message.attempts).toBeGreaterThanOrEqual(1);
      return message;
    });

    const erased = new UserErased({ userId: order.customerId });
    await publishCommitted(t.app, erased);
    await jobCompleted(t, eventJobId(erased.id, 'PersonalDataListener.onUserErased'));
    await smtp.start();
    await jobCompleted(t, `send-email-${queued.id}`);

    const list = await t.http.get('/api/v1/admin/notifications').query({ status: 'failed' }).set(admin()).expect(200);
    expect(list.body.items.find((m: { id: string }) => m.id === queued.id)).toMatchObject({
      recipient: null,
      status: 'failed',
      lastError: 'The recipient was erased before delivery',
    });
    const retry = await t.http.post(`/api/v1/admin/notifications/${queued.id}/retry`).set(admin()).expect(409);
    expect(retry.body.code).toBe('NOTIFICATIONS.RECIPIENT_ERASED');
    expect(smtp.to(order.email)).toHaveLength(0);
  });

  it('re-sends a failed message whose job is gone, unless only that job knew its one-time token', async () => {
    const order = orderFacts({ status: 'paid' });
    const email = uniqueEmail('unverified');
    await smtp.stop();
    await publishCommitted(t.app, new OrderPaid(order), new UserRegistered({
      userId: randomUUID(), email, firstName: null, lastName: null,
      verificationToken: rawToken(), verificationExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    }));
    const [receipt, verification] = await eventually(async () => {
      const both = [(await adminMessages(t, order.email))[0], (await adminMessages(t, email))[0]];
      both.forEach((message) => expect(message?.status).toBe('failed'));
      return both;
    }, 20_000);

    // The dead letters are cleaned out of Redis.
    const queue = t.app.get(Queues).get('notifications');
    for (const { id } of [receipt, verification]) await (await queue.getJob(`send-email-${id}`))!.remove();
    await smtp.start();

    const gone = await t.http.post(`/api/v1/admin/notifications/${verification.id}/retry`).set(admin()).expect(409);
    expect(gone.body.code).toBe('NOTIFICATIONS.ONE_TIME_TOKEN_GONE');
    expect((await adminMessages(t, email))[0].status).toBe('failed');

    await t.http.post(`/api/v1/admin/notifications/${receipt.id}/retry`).set(admin()).expect(202);
    await eventually(() => expect(smtp.to(order.email)).toHaveLength(1));
    await eventually(async () => expect((await adminMessages(t, order.email))[0].status).toBe('sent'));
    expect(smtp.to(email)).toHaveLength(0);
  });
});
