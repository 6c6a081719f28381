import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Client } from 'pg';
import { OUTBOX_CHANNEL } from '../../src/common/events/outbox-writer';
import { eventually } from './app';

const ROOT = join(__dirname, '..', '..');

/** One JSON log line of the child (pino), e.g. `{ level: 30, msg: 'request completed', reqId: '...' }`. */
export type LogLine = Record<string, unknown> & { msg?: string };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * `src/main.ts` running in its own process, as production runs it (through ts-node, no build),
 * against this run's test database and Redis prefix. Its stdout is kept as parsed log lines.
 */
export interface AppProcess {
  /** `http://127.0.0.1:<port>`: where it listens if its role serves HTTP. */
  readonly url: string;
  readonly port: number;
  readonly logs: LogLine[];
  readonly stderr: () => string;
  /** Settles when the process has ended, however it ended. */
  readonly exited: Promise<Exit>;
  readonly hasExited: () => boolean;
  kill(signal?: NodeJS.Signals): void;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the app with `env` on top of the test environment (and a free PORT unless given one). */
export async function spawnApp(env: Record<string, string>): Promise<AppProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watch(child, port);
}

function watch(child: ChildProcess, port: number): AppProcess {
  const logs: LogLine[] = [];
  let stderr = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) logs.push(parseLine(line));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    logs,
    stderr: () => stderr,
    exited,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}

function parseLine(line: string): LogLine {
  try {
    return JSON.parse(line) as LogLine;
  } catch {
    return { msg: line };
  }
}

/** Waits until the process answers `GET /health/ready` (it fails fast if the process died). */
export async function untilServing(app: AppProcess, timeoutMs = 60_000): Promise<void> {
  await eventually(async () => {
    if (app.hasExited()) throw new Error(`the app exited before serving:\n${app.stderr()}`);
    const res = await fetch(`${app.url}/health/ready`);
    if (!res.ok) throw new Error(`not ready: ${res.status}`);
  }, timeoutMs, 100);
}

/** Stops the process if it still runs (test clean-up: SIGKILL when SIGTERM is not enough). */
export async function stopApp(app: AppProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!app || app.hasExited()) return;
  app.kill('SIGTERM');
  const timer = setTimeout(() => app.kill('SIGKILL'), graceMs);
  await app.exited;
  clearTimeout(timer);
}

/** Whether a TCP connection to this port is refused (nothing listens there). */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
    socket.connect(port, '127.0.0.1');
  });
}

/** Connections to this test database that LISTEN for outbox nudges: one per running outbox relay. */
export async function outboxListeners(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
    [`LISTEN ${OUTBOX_CHANNEL}`],
  );
  return rows[0].n;
}
