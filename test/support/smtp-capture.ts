import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** One message as the SMTP server received it, with its parts decoded. */
export interface CapturedMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  from: string;
  to: string[];
  /** Header values by lower-case name, unfolded and RFC 2047-decoded (last one wins). */
  headers: Record<string, string>;
  subject: string;
  /** The text/plain and text/html parts, decoded, with `\n` line ends ('' when absent). */
  text: string;
  html: string;
  raw: string;
  /** The SMTP session (connection) it came over. */
  session: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives. `start()` picks a free port the first
 * time and reuses it afterwards, so a test can `stop()` it (the mail server is down) and `start()`
 * it again at the same `url`.
 */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server?: SMTPServer;
  private port = 0;

  get url(): string {
    if (!this.port) throw new Error('SmtpCapture: start() it first');
    return `smtp://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const listener = server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        this.port = (listener.address() as AddressInfo).port;
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages whose envelope names this recipient. */
  to(address: string): CapturedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  clear(): void {
    this.messages.length = 0;
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const { from, rcptTo } = { from: session.envelope.mailFrom, rcptTo: session.envelope.rcptTo };
      this.messages.push({
        ...parseMessage(raw),
        from: from ? from.address.toLowerCase() : '',
        to: rcptTo.map((r) => r.address.toLowerCase()),
        raw,
        session: session.id,
      });
      callback();
    });
  }
}

/**
 * The first link of the plain-text part whose path is `path`, e.g. `link(mail, '/verify-email')`;
 * `link(mail, '/verify-email').searchParams.get('token')` is the token a user would click.
 */
export function linkIn(mail: CapturedMail, path: string): URL {
  for (const candidate of mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? []) {
    const url = new URL(candidate);
    if (url.pathname === path) return url;
  }
  throw new Error(`no ${path} link in the mail "${mail.subject}"`);
}

// A small MIME reader, enough for what nodemailer writes (the `mailparser` package is not installed).

interface Entity {
  headers: Record<string, string>;
  body: string;
}

function parseEntity(raw: string): Entity {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** `=?UTF-8?Q?...?=` and `=?UTF-8?B?...?=` words of a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unwrapped = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped[i] === '=' ? unwrapped.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unwrapped.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(entity: Entity): string {
  const encoding = (entity.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(entity.body);
  return Buffer.from(entity.body, 'latin1').toString('utf8');
}

/** Collects the first text/plain and text/html parts, however deeply nested. */
function collectParts(entity: Entity, into: { text: string; html: string }): void {
  const type = entity.headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = entity.body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
    for (const section of sections.slice(1, -1)) collectParts(parseEntity(section), into);
    return;
  }
  if (/^text\/html/i.test(type) && !into.html) into.html = decodeBody(entity).replace(/\r\n/g, '\n');
  else if (/^text\/plain/i.test(type) && !into.text) into.text = decodeBody(entity).replace(/\r\n/g, '\n');
}

function parseMessage(raw: string): Omit<CapturedMail, 'from' | 'to' | 'raw' | 'session'> {
  const entity = parseEntity(raw);
  const parts = { text: '', html: '' };
  collectParts(entity, parts);
  return { headers: entity.headers, subject: entity.headers.subject ?? '', ...parts };
}
