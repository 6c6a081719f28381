import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Response } from 'supertest';
import type { TestApp } from './app';
import { currentCorrelationId } from '../../src/common/observability/request-context';

const statementText = (args: unknown[]): string =>
  typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');

/** Every statement any pg client sends while `run` runs, the relay's and the workers' included. */
export async function statementsSentDuring(run: () => Promise<unknown>): Promise<string[]> {
  const original = Client.prototype.query;
  const sent: string[] = [];
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    sent.push(statementText(args));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    await run();
  } finally {
    Client.prototype.query = original;
  }
  return sent;
}

/**
 * Counts the SQL statements the app sends while serving a request, by request id: every pg client
 * query is attributed to the correlation id of the async context it was issued from (the relay's
 * poller and the workers have other ids, so they do not count).
 */
export class SqlCounter {
  private readonly counts = new Map<string, string[]>();
  private original?: typeof Client.prototype.query;

  install(): void {
    const original = Client.prototype.query;
    this.original = original;
    const counts = this.counts;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const id = currentCorrelationId();
      if (id) {
        counts.set(id, [...(counts.get(id) ?? []), statementText(args)]);
      }
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  }

  uninstall(): void {
    if (this.original) Client.prototype.query = this.original;
  }

  statements(requestId: string): string[] {
    return this.counts.get(requestId) ?? [];
  }

  /** A fresh request id to send as `X-Request-Id`, whose statements `statements(id)` then lists. */
  requestId(): string {
    return `sql-${randomUUID()}`;
  }

  /** A GET with a request id of its own, and how many SQL statements serving it took. */
  async get(t: TestApp, path: string, headers: Record<string, string> = {}): Promise<{ res: Response; statements: number }> {
    const requestId = this.requestId();
    const res = await t.http.get(path).set({ 'X-Request-Id': requestId, ...headers });
    return { res, statements: this.statements(requestId).length };
  }
}
