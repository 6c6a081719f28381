import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * An SMTP server on loopback that reads each message and then holds its final reply until
 * `release()`: the sender's job is in flight, deterministically, for as long as a test needs.
 */
export class HeldSmtp {
  /** Envelope recipients of every message received so far (answered or still held). */
  readonly received: string[] = [];
  private server?: SMTPServer;
  private port = 0;
  private open!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.open = resolve));

  get url(): string {
    if (!this.port) throw new Error('HeldSmtp: start() it first');
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        stream.resume();
        stream.on('end', () => {
          this.received.push(...session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
          void this.released.then(() => callback());
        });
      },
    });
    await new Promise<void>((resolve) => {
      const listener = server.listen(0, '127.0.0.1', () => {
        this.port = (listener.address() as AddressInfo).port;
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
  }

  /** Answers every held message, and every later one at once. */
  release(): void {
    this.open();
  }

  async stop(): Promise<void> {
    this.release();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
