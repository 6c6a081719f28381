import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StripeEmulator } from '../support/stripe-emulator';

/** One request kept waiting at the gate: it reaches Stripe only once the test releases it. */
export interface HeldRequest {
  /** Resolves when the request arrived and is being held. */
  readonly arrived: Promise<void>;
  release(): void;
}

interface Hold {
  match: RegExp;
  taken: boolean;
  arrive: () => void;
  release: () => void;
  released: Promise<void>;
}

/**
 * A loopback proxy in front of the Stripe emulator that can hold a chosen request in flight for
 * as long as a test needs (the emulator can only delay for a fixed time), so a test can look at
 * the database while the app waits for Stripe.
 */
export class StripeGate {
  url = '';
  private holds: Hold[] = [];
  private server?: Server;

  private constructor(private readonly upstream: URL) {}

  static async start(emulator: StripeEmulator): Promise<StripeGate> {
    const gate = new StripeGate(new URL(emulator.url));
    gate.server = createServer((req, res) => void gate.serve(req, res));
    await new Promise<void>((resolve) => gate.server!.listen(0, '127.0.0.1', resolve));
    gate.url = `http://127.0.0.1:${(gate.server.address() as AddressInfo).port}`;
    return gate;
  }

  /** The emulator's variables, with the app pointed at the gate. */
  env(emulator: StripeEmulator): Record<string, string> {
    return { ...emulator.env(), STRIPE_API_BASE: this.url };
  }

  /** Holds the next request whose `METHOD /path` matches, e.g. /^POST \/v1\/refunds$/. */
  holdNext(match: RegExp): HeldRequest {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ match, taken: false, arrive, release, released });
    return { arrived, release };
  }

  /** Lets every held request through and forgets the holds not yet used (after each test). */
  releaseAll(): void {
    this.holds.forEach((h) => h.release());
    this.holds = [];
  }

  async stop(): Promise<void> {
    this.releaseAll();
    const server = this.server;
    this.server = undefined;
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://gate').pathname;
    const hold = this.holds.find((h) => !h.taken && h.match.test(`${req.method} ${path}`));
    if (hold) {
      hold.taken = true;
      hold.arrive();
      await hold.released;
    }
    const forwarded = request(
      { host: this.upstream.hostname, port: this.upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: this.upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    forwarded.end(Buffer.concat(chunks));
  }
}
