import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from '../support/app';

export const PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (tag = 'user'): string => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

export interface Registered {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
}

/** Signs a customer up through the API, as a client would. */
export async function registerUser(
  t: TestApp,
  body: Partial<{ email: string; password: string; firstName: string; lastName: string }> = {},
): Promise<Registered> {
  const email = body.email ?? uniqueEmail();
  const res = await t.http
    .post('/api/v1/auth/register')
    .send({ password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace', ...body, email })
    .expect(201);
  const { user, accessToken, refreshToken } = res.body as { user: { id: string }; accessToken: string; refreshToken: string };
  return { id: user.id, email, accessToken, refreshToken, auth: { Authorization: `Bearer ${accessToken}` } };
}

export function login(t: TestApp, email: string, password = PASSWORD) {
  return t.http.post('/api/v1/auth/login').send({ email, password });
}

export const db = (t: TestApp): DataSource => t.app.get(DataSource);

/** The payloads of the events of this name about this user, as written to `platform.outbox`. */
export async function outboxPayloads<P = Record<string, unknown>>(t: TestApp, name: string, userId: string): Promise<P[]> {
  const rows = (await db(t).query(
    `SELECT envelope FROM platform.outbox WHERE name = $1 AND envelope->'payload'->>'userId' = $2 ORDER BY occurred_at`,
    [name, userId],
  )) as { envelope: { payload: P } }[];
  return rows.map((r) => r.envelope.payload);
}

/** A problem body without what legitimately differs between two answers (the request id). */
export const comparable = (body: Record<string, unknown>): Record<string, unknown> => {
  const { requestId: _requestId, ...rest } = body;
  return rest;
};

/** Sets environment variables for the duration of `fn` (e.g. a boot), then puts them back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}
