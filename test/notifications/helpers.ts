import { Logger, LoggerService } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Queues } from '../../src/common/jobs/queues';
import type { Money } from '../../src/common/money';
import type { OrderFacts } from '../../src/modules/orders/orders.events';
import { eventually, TestApp } from '../support/app';
import { bearer } from '../support/tokens';
export { withEnv } from '../support/env';

export const admin = () => bearer({ role: 'admin', email: 'staff@emporium.test' });
export const customer = () => bearer({ role: 'customer' });

/** Everything the app writes through Nest's logger, serialised, to search for secrets. */
export class LogCapture implements LoggerService {
  readonly lines: string[] = [];

  private record(level: string, args: unknown[]) {
    this.lines.push(
      `${level} ${JSON.stringify(args, (_, v: unknown) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))}`,
    );
  }

  log = (...args: unknown[]) => this.record('info', args);
  error = (...args: unknown[]) => this.record('error', args);
  warn = (...args: unknown[]) => this.record('warn', args);
  debug = (...args: unknown[]) => this.record('debug', args);
  verbose = (...args: unknown[]) => this.record('verbose', args);

  install(): this {
    Logger.overrideLogger(this);
    return this;
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

/** Like the users module issues them: 32 random bytes, base64url. */
export const rawToken = (): string => randomBytes(32).toString('base64url');

export const uniqueEmail = (label: string): string => `${label}-${randomUUID().slice(0, 8)}@example.test`;

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

let orderSeq = 1000;

/** The facts of an order as the orders module publishes them: 2 x 12.50 + 1 x 1,199.99, shipping 4.90. */
export function orderFacts(overrides: Partial<OrderFacts> = {}): OrderFacts {
  return {
    orderId: randomUUID(),
    orderNumber: `EMP-${++orderSeq}-${randomUUID().slice(0, 4).toUpperCase()}`,
    customerId: randomUUID(),
    email: uniqueEmail('buyer'),
    status: 'pending_payment',
    lines: [
      { variantId: randomUUID(), productId: randomUUID(), sku: 'MUG-BLUE', name: 'Mug (blue)', quantity: 2, unitPrice: eur(1250), lineTotal: eur(2500) },
      { variantId: randomUUID(), productId: randomUUID(), sku: 'CHAIR-OAK', name: 'Oak chair', quantity: 1, unitPrice: eur(119999), lineTotal: eur(119999) },
    ],
    subtotal: eur(122499),
    shipping: eur(490),
    tax: eur(0),
    total: eur(122989),
    shippingAddress: { fullName: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
    ...overrides,
  };
}

/** Every message row (as JSON text) for one recipient or event: what the tests search for leaks. */
export async function messageRows(t: TestApp, where: { recipient?: string; eventId?: string }): Promise<Record<string, unknown>[]> {
  return t.app.get(DataSource).query(
    `SELECT to_jsonb(m) AS row FROM notifications.messages m
     WHERE ($1::text IS NULL OR recipient = $1) AND ($2::uuid IS NULL OR event_id = $2)`,
    [where.recipient ?? null, where.eventId ?? null],
  ).then((rows: { row: Record<string, unknown> }[]) => rows.map((r) => r.row));
}

/** Waits until a job of the `notifications` queue has completed. */
export async function jobCompleted(t: TestApp, jobId: string): Promise<void> {
  const queue = t.app.get(Queues).get('notifications');
  await eventually(async () => {
    const job = await queue.getJob(jobId);
    expect(job && (await job.isCompleted())).toBe(true);
  });
}

/** The BullMQ id of an event's job for one subscriber (the relay's `eventId--Class.method`). */
export const eventJobId = (eventId: string, subscriber: string): string => `${eventId}--${subscriber}`;

/** The admin list for one recipient. */
export async function adminMessages(t: TestApp, recipient: string) {
  const res = await t.http.get('/api/v1/admin/notifications').query({ recipient }).set(admin()).expect(200);
  return res.body.items as {
    id: string;
    template: string;
    recipient: string | null;
    subject: string;
    status: string;
    attempts: number;
    lastError: string | null;
    transport: string | null;
  }[];
}
