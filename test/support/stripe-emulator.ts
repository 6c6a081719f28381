import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small Stripe API emulator on loopback, for the real `stripe` SDK (pointed at it with its
 * host/port/protocol options). It speaks what the SDK sends: form-encoded bodies, bearer secret
 * keys, Idempotency-Key with Stripe's semantics (same key and parameters: the first answer
 * replayed; same key, other parameters: 400 `idempotency_error`). Faults can be injected: 500s
 * (before or after the work is done), slow answers. Tests move intents along (`succeed`, `fail`)
 * and sign webhooks with `stripe.webhooks.generateTestHeaderString`.
 */

type Params = Record<string, unknown>;

export interface EmulatedIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
  latest_charge: string | null;
  last_payment_error: { code: string; message: string; type: string } | null;
  cancellation_reason: string | null;
  canceled_at: number | null;
  automatic_payment_methods: { enabled: boolean } | null;
  description: string | null;
}

export interface EmulatedCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  refunded: boolean;
  captured: boolean;
  paid: boolean;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
  created: number;
  metadata: Record<string, string>;
  livemode: false;
}

export interface EmulatedRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string;
  status: string;
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
}

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
  /** Do the work (and keep its idempotent answer), then answer the error: a lost response. */
  afterProcessing: boolean;
  /** Only requests whose `METHOD /path` matches. */
  match?: RegExp;
}

interface StoredKey {
  fingerprint: string;
  answer: Answer;
}

const CANCELLABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture'];

const now = (): number => Math.floor(Date.now() / 1000);
const randomId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

class StripeHttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get body(): unknown {
    return { error: { type: this.type, message: this.message, ...this.extra } };
  }
}

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
    ? `{${Object.keys(value as Params)
        .sort()
        .map((k) => `${k}:${canonical((value as Params)[k])}`)
        .join(',')}}`
    : JSON.stringify(value);

export class StripeEmulator {
  readonly secretKey = 'sk_test_emulator_0123456789';
  readonly webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  readonly intents = new Map<string, EmulatedIntent>();
  readonly charges = new Map<string, EmulatedCharge>();
  readonly refunds = new Map<string, EmulatedRefund>();
  readonly requests: RecordedRequest[] = [];

  private readonly keys = new Map<string, StoredKey>();
  private readonly inFlight = new Set<string>();
  private faults: Fault[] = [];
  private delays: { remaining: number; ms: number }[] = [];
  private server?: Server;
  url = '';

  static async start(): Promise<StripeEmulator> {
    const emulator = new StripeEmulator();
    await emulator.listen();
    return emulator;
  }

  /** The variables that point the app's payments module at this emulator. */
  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_BASE: this.url };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- faults -------------------------------------------------------------------------------

  /** The next `count` requests (matching `match`, e.g. /POST \/v1\/payment_intents$/) answer `status`. */
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

  // ---- what tests look at and do ------------------------------------------------------------

  /** Intents created (optionally those carrying our payment or order id in their metadata). */
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
    const charge: EmulatedCharge = {
      id: randomId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: amountReceived ?? intent.amount,
      amount_refunded: 0,
      refunded: false,
      captured: true,
      paid: true,
      currency: intent.currency,
      payment_intent: intent.id,
      status: 'succeeded',
      created: now(),
      metadata: {},
      livemode: false,
    };
    this.charges.set(charge.id, charge);
    Object.assign(intent, { status: 'succeeded', amount_received: amountReceived ?? intent.amount, latest_charge: charge.id, last_payment_error: null });
    return intent;
  }

  /** A payment attempt was declined: the intent needs another payment method. */
  fail(intentId: string, message = 'Your card was declined.'): EmulatedIntent {
    const intent = this.intent(intentId);
    Object.assign(intent, { status: 'requires_payment_method', last_payment_error: { code: 'card_declined', message, type: 'card_error' } });
    return intent;
  }

  setIntentStatus(intentId: string, status: string): EmulatedIntent {
    if (status === 'succeeded') return this.succeed(intentId);
    return Object.assign(this.intent(intentId), { status });
  }

  chargeOf(intentId: string): EmulatedCharge {
    const chargeId = this.intent(intentId).latest_charge;
    if (!chargeId) throw new Error(`intent ${intentId} has no charge`);
    return this.charges.get(chargeId)!;
  }

  /** A Stripe event around a copy of `object`, as Stripe would POST it to a webhook endpoint. */
  event(type: string, object: object, id = randomId('evt')): Stripe.Event {
    return {
      id,
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: now(),
      type,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    } as unknown as Stripe.Event;
  }

  /** The body and `Stripe-Signature` header of a webhook delivery; `timestamp` in Unix seconds. */
  signed(event: object, options: { timestamp?: number; secret?: string } = {}): { body: string; signature: string } {
    const body = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp,
    });
    return { body, signature };
  }

  // ---- HTTP ---------------------------------------------------------------------------------

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server!.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator');
    const params = method === 'GET' ? parseForm(url.search.slice(1)) : parseForm(Buffer.concat(chunks).toString('utf8'));
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    const record: RecordedRequest = { method, path: url.pathname, idempotencyKey: key, status: 0, replayed: false, faulted: false };
    this.requests.push(record);

    const delay = this.take(this.delays);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    const fault = this.take(this.faults, `${method} ${url.pathname}`);
    let answer: Answer;
    let replayed = false;
    if (fault && !fault.afterProcessing) {
      answer = this.faultAnswer(fault);
    } else {
      ({ answer, replayed } = this.idempotent(method, url.pathname, key, params, req));
      if (fault) answer = this.faultAnswer(fault);
    }
    Object.assign(record, { status: answer.status, replayed, faulted: Boolean(fault) });
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Request-Id': randomId('req') };
    if (key) headers['Idempotency-Key'] = key;
    if (replayed) headers['Idempotent-Replayed'] = 'true';
    res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  }

  private take<T extends { remaining: number; match?: RegExp }>(list: T[], request?: string): T | undefined {
    const found = list.find((f) => f.remaining > 0 && (!f.match || (request !== undefined && f.match.test(request))));
    if (found) found.remaining -= 1;
    return found;
  }

  private faultAnswer(fault: Fault): Answer {
    return { status: fault.status, body: new StripeHttpError(fault.status, 'api_error', 'An unknown error occurred (injected by the emulator)').body };
  }

  /** Stripe's idempotency: a POST with a key is done once; its answer is replayed for the same parameters. */
  private idempotent(method: string, path: string, key: string | null, params: Params, req: IncomingMessage): { answer: Answer; replayed: boolean } {
    if (method !== 'POST' || !key) return { answer: this.handle(method, path, params, req), replayed: false };
    const fingerprint = `${method} ${path} ${canonical(params)}`;
    const stored = this.keys.get(key);
    if (stored && stored.fingerprint !== fingerprint) {
      const error = new StripeHttpError(
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      );
      return { answer: { status: 400, body: error.body }, replayed: false };
    }
    if (stored) return { answer: stored.answer, replayed: true };
    if (this.inFlight.has(key)) {
      const error = new StripeHttpError(409, 'idempotency_error', 'There is currently another in-progress request using this Stripe token (idempotency key).');
      return { answer: { status: 409, body: error.body }, replayed: false };
    }
    this.inFlight.add(key);
    try {
      const answer = this.handle(method, path, params, req);
      // Stripe keeps the result once the endpoint ran; requests refused before that may be retried.
      if (answer.status < 400 || answer.status === 402) this.keys.set(key, { fingerprint, answer });
      return { answer, replayed: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  private handle(method: string, path: string, params: Params, req: IncomingMessage): Answer {
    try {
      if (req.headers.authorization !== `Bearer ${this.secretKey}`) {
        throw new StripeHttpError(401, 'invalid_request_error', 'Invalid API Key provided.');
      }
      return { status: 200, body: this.route(method, path, params) };
    } catch (err) {
      if (err instanceof StripeHttpError) return { status: err.status, body: err.body };
      return { status: 500, body: new StripeHttpError(500, 'api_error', String(err)).body };
    }
  }

  private route(method: string, path: string, params: Params): unknown {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'v1') throw this.unknownUrl(method, path);
    const [, resource, id, action] = parts;
    if (resource === 'payment_intents') {
      if (method === 'POST' && !id) return this.createIntent(params);
      if (method === 'GET' && id && !action) return this.found(this.intents, id, 'payment_intent');
      if (method === 'POST' && id && action === 'cancel') return this.cancelIntent(id, params);
    }
    if (resource === 'refunds') {
      if (method === 'POST' && !id) return this.createRefund(params);
      if (method === 'GET' && id) return this.found(this.refunds, id, 'refund');
    }
    if (resource === 'charges' && method === 'GET' && id) return this.found(this.charges, id, 'charge');
    throw this.unknownUrl(method, path);
  }

  private unknownUrl(method: string, path: string): StripeHttpError {
    return new StripeHttpError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  private found<T>(map: Map<string, T>, id: string, kind: string): T {
    const value = map.get(id);
    if (!value) throw new StripeHttpError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param: 'id' });
    return value;
  }

  private integer(params: Params, name: string, required: boolean): number | undefined {
    const raw = params[name];
    if (raw === undefined) {
      if (required) throw new StripeHttpError(400, 'invalid_request_error', `Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
      return undefined;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      throw new StripeHttpError(400, 'invalid_request_error', `Invalid integer: ${String(raw)}`, { code: 'parameter_invalid_integer', param: name });
    }
    return value;
  }

  private createIntent(params: Params): EmulatedIntent {
    const amount = this.integer(params, 'amount', true)!;
    const currency = params.currency;
    if (typeof currency !== 'string' || !/^[a-z]{3}$/.test(currency)) {
      throw new StripeHttpError(400, 'invalid_request_error', 'Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    }
    const id = randomId('pi');
    const auto = params.automatic_payment_methods as Params | undefined;
    const intent: EmulatedIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      metadata: { ...((params.metadata as Record<string, string> | undefined) ?? {}) },
      created: now(),
      livemode: false,
      latest_charge: null,
      last_payment_error: null,
      cancellation_reason: null,
      canceled_at: null,
      automatic_payment_methods: auto ? { enabled: auto.enabled === 'true' } : null,
      description: typeof params.description === 'string' ? params.description : null,
    };
    this.intents.set(id, intent);
    return structuredClone(intent);
  }

  private cancelIntent(id: string, params: Params): EmulatedIntent {
    const intent = this.found(this.intents, id, 'payment_intent');
    if (!CANCELLABLE.includes(intent.status)) {
      throw new StripeHttpError(
        400,
        'invalid_request_error',
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELLABLE.join(', ')}.`,
        { code: 'payment_intent_unexpected_state', payment_intent: structuredClone(intent) },
      );
    }
    const reason = typeof params.cancellation_reason === 'string' ? params.cancellation_reason : null;
    Object.assign(intent, { status: 'canceled', cancellation_reason: reason, canceled_at: now() });
    return structuredClone(intent);
  }

  private createRefund(params: Params): EmulatedRefund {
    const intentId = params.payment_intent;
    if (typeof intentId !== 'string') {
      throw new StripeHttpError(400, 'invalid_request_error', 'One of the following params should be provided for this request: payment_intent or charge.');
    }
    const intent = this.found(this.intents, intentId, 'payment_intent');
    if (intent.status !== 'succeeded' || !intent.latest_charge) {
      throw new StripeHttpError(400, 'invalid_request_error', `This PaymentIntent (${intentId}) does not have a successful charge to refund.`, { code: 'charge_not_refundable' });
    }
    const charge = this.charges.get(intent.latest_charge)!;
    const left = charge.amount_captured - charge.amount_refunded;
    if (left <= 0) {
      throw new StripeHttpError(400, 'invalid_request_error', `Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
    }
    const amount = this.integer(params, 'amount', false) ?? left;
    if (amount > left) {
      throw new StripeHttpError(400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, { code: 'amount_too_large', param: 'amount' });
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    const refund: EmulatedRefund = {
      id: randomId('re'),
      object: 'refund',
      amount,
      currency: charge.currency,
      payment_intent: intent.id,
      charge: charge.id,
      status: 'succeeded',
      reason: typeof params.reason === 'string' ? params.reason : null,
      metadata: { ...((params.metadata as Record<string, string> | undefined) ?? {}) },
      created: now(),
    };
    this.refunds.set(refund.id, refund);
    return structuredClone(refund);
  }
}
