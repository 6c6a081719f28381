import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small Stripe API emulator on loopback, for the real `stripe` SDK (pointed at it with its
 * host/port/protocol options). It speaks what the SDK sends: form-encoded bodies, a bearer secret
 * key, and Idempotency-Key with Stripe's semantics (same key and parameters: the first answer is
 * replayed; same key, other parameters: 400 `idempotency_error`; same key in flight: 409).
 * Faults can be injected (500s before or after the work is done, slow answers). Tests move intents
 * along themselves (`succeed`, `fail`) and sign webhooks with `webhooks.generateTestHeaderString`.
 */

type Params = Record<string, unknown>;
type Metadata = Record<string, string>;

/** The fields of Stripe's objects that the emulator keeps, typed by the SDK itself. */
export type EmulatedIntent = Pick<
  Stripe.PaymentIntent,
  'id' | 'object' | 'amount' | 'amount_received' | 'currency' | 'status' | 'created' | 'livemode' | 'cancellation_reason' | 'canceled_at'
> & { client_secret: string; metadata: Metadata; latest_charge: string | null; last_payment_error: { code: string; message: string; type: 'card_error' } | null };

export type EmulatedCharge = Pick<
  Stripe.Charge,
  'id' | 'object' | 'amount' | 'amount_captured' | 'amount_refunded' | 'refunded' | 'captured' | 'paid' | 'currency' | 'status' | 'created' | 'livemode'
> & { payment_intent: string; metadata: Metadata };

export type EmulatedRefund = Pick<Stripe.Refund, 'id' | 'object' | 'amount' | 'currency' | 'status' | 'created'> & {
  payment_intent: string;
  charge: string;
  reason: string | null;
  metadata: Metadata;
};

/** What the emulator was asked, and how it answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
  faulted: boolean;
}

interface Answer {
  status: number;
  body: unknown;
}

interface Fault {
  remaining: number;
  status: number;
  /** Do the work (its idempotent answer is kept), then answer the error: a lost response. */
  afterProcessing: boolean;
  /** Only requests whose `METHOD /path` matches. */
  match?: RegExp;
}

// Stripe cancels a `processing` intent only in rare cases; the emulator never does.
const CANCELLABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture'];
const now = (): number => Math.floor(Date.now() / 1000);
const randomId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

class StripeHttpError extends Error {
  constructor(readonly status: number, readonly type: string, message: string, readonly extra: Params = {}) {
    super(message);
  }

  get answer(): Answer {
    return { status: this.status, body: { error: { type: this.type, message: this.message, ...this.extra } } };
  }
}

const invalid = (message: string, extra: Params = {}) => new StripeHttpError(400, 'invalid_request_error', message, extra);

/** `metadata[orderId]=x&automatic_payment_methods[enabled]=true` -> nested objects, as Stripe reads it. */
export function parseForm(body: string): Params {
  const result: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = result;
    path.forEach((segment, i) => {
      if (i === path.length - 1) node[segment] = value;
      else node = (node[segment] ??= {}) as Params;
    });
  }
  return result;
}

const canonical = (value: unknown): string =>
  value && typeof value === 'object'
    ? `{${Object.keys(value as Params).sort().map((k) => `${k}:${canonical((value as Params)[k])}`).join(',')}}`
    : JSON.stringify(value);

export class StripeEmulator {
  readonly secretKey = 'sk_test_emulator_0123456789';
  readonly webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  readonly intents = new Map<string, EmulatedIntent>();
  readonly charges = new Map<string, EmulatedCharge>();
  readonly refunds = new Map<string, EmulatedRefund>();
  readonly requests: RecordedRequest[] = [];
  url = '';

  private readonly keys = new Map<string, { fingerprint: string; answer: Answer }>();
  private readonly inFlight = new Set<string>();
  private faults: Fault[] = [];
  private delays: { remaining: number; ms: number }[] = [];
  private server?: Server;

  static async start(): Promise<StripeEmulator> {
    const emulator = new StripeEmulator();
    emulator.server = createServer((req, res) => void emulator.serve(req, res));
    await new Promise<void>((resolve) => emulator.server!.listen(0, '127.0.0.1', resolve));
    emulator.url = `http://127.0.0.1:${(emulator.server.address() as AddressInfo).port}`;
    return emulator;
  }

  /** The variables that point the app's payments module at this emulator. */
  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_BASE: this.url };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `count` requests (matching `match`, e.g. /^POST \/v1\/refunds$/) answer `status`. */
  failNext(count: number, options: { status?: number; afterProcessing?: boolean; match?: RegExp } = {}): void {
    this.faults.push({ remaining: count, status: options.status ?? 500, afterProcessing: options.afterProcessing ?? false, match: options.match });
  }

  /** The next `count` requests wait `ms` before being answered. */
  delayNext(ms: number, count = 1): void {
    this.delays.push({ remaining: count, ms });
  }

  resetFaults(): void {
    this.faults = [];
    this.delays = [];
  }

  /** Intents created, optionally only those carrying one of our payment or order ids in their metadata. */
  createdIntents(filter: { paymentId?: string; orderId?: string } = {}): EmulatedIntent[] {
    return [...this.intents.values()].filter(
      (i) => (!filter.paymentId || i.metadata.paymentId === filter.paymentId) && (!filter.orderId || i.metadata.orderId === filter.orderId),
    );
  }

  intent(id: string): EmulatedIntent {
    const intent = this.intents.get(id);
    if (!intent) throw new Error(`no intent ${id} at the emulator`);
    return intent;
  }

  /** The customer paid: the intent succeeds and a charge is captured (no webhook is sent). */
  succeed(intentId: string, amountReceived?: number): EmulatedIntent {
    const intent = this.intent(intentId);
    const received = amountReceived ?? intent.amount;
    const charge: EmulatedCharge = {
      id: randomId('ch'), object: 'charge', amount: intent.amount, amount_captured: received, amount_refunded: 0, refunded: false,
      captured: true, paid: true, currency: intent.currency, payment_intent: intent.id, status: 'succeeded', created: now(),
      metadata: {}, livemode: false,
    };
    this.charges.set(charge.id, charge);
    return Object.assign(intent, { status: 'succeeded', amount_received: received, latest_charge: charge.id, last_payment_error: null });
  }

  /** A payment attempt was declined: the intent needs another payment method. */
  fail(intentId: string, message = 'Your card was declined.'): EmulatedIntent {
    const error = { code: 'card_declined', message, type: 'card_error' as const };
    return Object.assign(this.intent(intentId), { status: 'requires_payment_method' as const, last_payment_error: error });
  }

  setIntentStatus(intentId: string, status: Stripe.PaymentIntent.Status): EmulatedIntent {
    return status === 'succeeded' ? this.succeed(intentId) : Object.assign(this.intent(intentId), { status });
  }

  chargeOf(intentId: string): EmulatedCharge {
    const chargeId = this.intent(intentId).latest_charge;
    if (!chargeId) throw new Error(`intent ${intentId} has no charge`);
    return this.charges.get(chargeId)!;
  }

  /** A Stripe event around a copy of `object`, as Stripe POSTs it to a webhook endpoint. */
  event(type: string, object: object, id = randomId('evt')): Stripe.Event {
    const event = { id, object: 'event', api_version: Stripe.API_VERSION, created: now(), type, livemode: false, pending_webhooks: 1 };
    return { ...event, data: { object: structuredClone(object) }, request: { id: null, idempotency_key: null } } as unknown as Stripe.Event;
  }

  /** The body and `Stripe-Signature` header of a webhook delivery; `timestamp` in Unix seconds. */
  signed(event: object, options: { timestamp?: number; secret?: string } = {}): { body: string; signature: string } {
    const body = JSON.stringify(event, null, 2);
    const secret = options.secret ?? this.webhookSecret;
    return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: options.timestamp }) };
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator');
    const params = parseForm(method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'));
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const record: RecordedRequest = { method, path: url.pathname, idempotencyKey: key, status: 0, replayed: false, faulted: false };
    this.requests.push(record);

    const delay = this.take(this.delays);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const fault = this.take(this.faults, `${method} ${url.pathname}`);
    const result = fault && !fault.afterProcessing ? { answer: this.faultAnswer(fault), replayed: false } : this.idempotent(method, url.pathname, key, params, req.headers.authorization);
    const answer = fault ? this.faultAnswer(fault) : result.answer;
    Object.assign(record, { status: answer.status, replayed: result.replayed, faulted: Boolean(fault) });
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Request-Id': randomId('req') };
    if (key) headers['Idempotency-Key'] = key;
    if (result.replayed) headers['Idempotent-Replayed'] = 'true';
    res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  }

  private take<T extends { remaining: number; match?: RegExp }>(list: T[], request?: string): T | undefined {
    const found = list.find((f) => f.remaining > 0 && (!f.match || (request !== undefined && f.match.test(request))));
    if (found) found.remaining -= 1;
    return found;
  }

  private faultAnswer(fault: Fault): Answer {
    return new StripeHttpError(fault.status, 'api_error', 'An unknown error occurred (injected by the emulator).').answer;
  }

  /** Stripe's idempotency: a POST with a key is done once; its answer is replayed for the same parameters. */
  private idempotent(method: string, path: string, key: string | null, params: Params, auth?: string): { answer: Answer; replayed: boolean } {
    if (method !== 'POST' || !key) return { answer: this.handle(method, path, params, auth), replayed: false };
    const fingerprint = `${method} ${path} ${canonical(params)}`;
    const stored = this.keys.get(key);
    if (stored && stored.fingerprint !== fingerprint) {
      const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
      return { answer: new StripeHttpError(400, 'idempotency_error', message).answer, replayed: false };
    }
    if (stored) return { answer: stored.answer, replayed: true };
    if (this.inFlight.has(key)) {
      const message = 'There is currently another in-progress request using this Stripe token (idempotency key).';
      return { answer: new StripeHttpError(409, 'idempotency_error', message).answer, replayed: false };
    }
    this.inFlight.add(key);
    try {
      const answer = this.handle(method, path, params, auth);
      // Stripe keeps the result once the endpoint ran; requests refused before that may be retried.
      if (answer.status < 400 || answer.status === 402) this.keys.set(key, { fingerprint, answer });
      return { answer, replayed: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private handle(method: string, path: string, params: Params, auth?: string): Answer {
    try {
      if (auth !== `Bearer ${this.secretKey}`) throw new StripeHttpError(401, 'invalid_request_error', 'Invalid API Key provided.');
      return { status: 200, body: structuredClone(this.route(method, path, params)) };
    } catch (err) {
      return err instanceof StripeHttpError ? err.answer : new StripeHttpError(500, 'api_error', String(err)).answer;
    }
  }

  private route(method: string, path: string, params: Params): unknown {
    const [version, resource, id, action] = path.split('/').filter(Boolean);
    const route = `${method} ${resource}${id ? '/:id' : ''}${action ? `/${action}` : ''}`;
    if (version === 'v1') {
      switch (route) {
        case 'POST payment_intents': return this.createIntent(params);
        case 'GET payment_intents/:id': return this.found(this.intents, id, 'payment_intent');
        case 'POST payment_intents/:id/cancel': return this.cancelIntent(id, params);
        case 'POST refunds': return this.createRefund(params);
        case 'GET refunds/:id': return this.found(this.refunds, id, 'refund');
        case 'GET charges/:id': return this.found(this.charges, id, 'charge');
      }
    }
    throw new StripeHttpError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  private found<T>(map: Map<string, T>, id: string, kind: string): T {
    const value = map.get(id);
    if (!value) throw new StripeHttpError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param: 'id' });
    return value;
  }

  private integer(params: Params, name: string): number | undefined {
    if (params[name] === undefined) return undefined;
    const value = Number(params[name]);
    if (!Number.isInteger(value) || value < 1) throw invalid(`Invalid integer: ${String(params[name])}`, { code: 'parameter_invalid_integer', param: name });
    return value;
  }

  private createIntent(params: Params): EmulatedIntent {
    const amount = this.integer(params, 'amount');
    if (amount === undefined) throw invalid('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
    const currency = String(params.currency ?? '');
    if (!/^[a-z]{3}$/.test(currency)) throw invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    const id = randomId('pi');
    const intent: EmulatedIntent = {
      id, object: 'payment_intent', amount, amount_received: 0, currency, status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`, metadata: { ...(params.metadata as Metadata | undefined) },
      created: now(), livemode: false, latest_charge: null, last_payment_error: null, cancellation_reason: null, canceled_at: null,
    };
    this.intents.set(id, intent);
    return intent;
  }

  private cancelIntent(id: string, params: Params): EmulatedIntent {
    const intent = this.found(this.intents, id, 'payment_intent');
    if (!CANCELLABLE.includes(intent.status)) {
      const message = `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELLABLE.join(', ')}.`;
      throw invalid(message, { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) });
    }
    const reason = (params.cancellation_reason as Stripe.PaymentIntent.CancellationReason | undefined) ?? null;
    return Object.assign(intent, { status: 'canceled' as const, cancellation_reason: reason, canceled_at: now() });
  }

  private createRefund(params: Params): EmulatedRefund {
    if (typeof params.payment_intent !== 'string') throw invalid('One of the following params should be provided for this request: payment_intent or charge.');
    const intent = this.found(this.intents, params.payment_intent, 'payment_intent');
    const charge = intent.latest_charge ? this.charges.get(intent.latest_charge) : undefined;
    if (intent.status !== 'succeeded' || !charge) {
      throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { code: 'charge_not_refundable' });
    }
    const left = charge.amount_captured - charge.amount_refunded;
    if (left <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
    const amount = this.integer(params, 'amount') ?? left;
    if (amount > left) {
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { code: 'amount_too_large', param: 'amount' });
    }
    Object.assign(charge, { amount_refunded: charge.amount_refunded + amount, refunded: charge.amount_refunded + amount === charge.amount_captured });
    const refund: EmulatedRefund = {
      id: randomId('re'), object: 'refund', amount, currency: charge.currency, payment_intent: intent.id, charge: charge.id,
      status: 'succeeded', reason: typeof params.reason === 'string' ? params.reason : null,
      metadata: { ...(params.metadata as Metadata | undefined) }, created: now(),
    };
    this.refunds.set(refund.id, refund);
    return refund;
  }
}
