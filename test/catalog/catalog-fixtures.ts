import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from '../support/app';
import { bearer } from '../support/tokens';

export const admin = () => bearer({ role: 'admin', email: 'admin@example.test' });
export const customer = (userId: string = randomUUID()) => bearer({ userId, role: 'customer' });

/** Lower-case letters only: a word that is unique to one test (search vocabularies keep letters). */
export function uniqueWord(prefix = 'q'): string {
  const letters = [...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
  return `${prefix}${letters}`;
}

let skuCounter = 0;
export const uniqueSku = (prefix = 'SKU') => `${prefix}-${Date.now().toString(36)}-${++skuCounter}`.toUpperCase();

export interface ProductInput {
  name?: string;
  slug?: string;
  description?: string;
  status?: 'draft' | 'published' | 'archived';
  categoryId?: string | null;
  attributes?: Record<string, string>;
  images?: { url: string; alt?: string; position?: number }[];
  variants?: { sku?: string; price: number; options?: Record<string, string>; compareAtPrice?: number; weight?: number }[];
}

export interface CreatedProduct {
  id: string;
  slug: string;
  name: string;
  version: number;
  variants: { id: string; sku: string; price: { amount: number } }[];
  etag: string;
}

/** Creates a product through the admin API (published unless told otherwise). */
export async function createProduct(t: TestApp, input: ProductInput = {}): Promise<CreatedProduct> {
  const body = {
    name: input.name ?? `Product ${uniqueWord()}`,
    status: input.status ?? 'published',
    ...input,
    variants: (input.variants ?? [{ price: 1000 }]).map((v) => ({ ...v, sku: v.sku ?? uniqueSku() })),
  };
  const res = await t.http.post('/api/v1/admin/products').set(admin()).send(body);
  if (res.status !== 201) throw new Error(`create product: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, etag: res.headers.etag };
}

export async function createCategory(
  t: TestApp,
  input: { name?: string; slug?: string; parentId?: string; position?: number } = {},
): Promise<{ id: string; slug: string; name: string }> {
  const res = await t.http
    .post('/api/v1/admin/categories')
    .set(admin())
    .send({ name: input.name ?? `Category ${uniqueWord()}`, ...input });
  if (res.status !== 201) throw new Error(`create category: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The payloads of one kind of event in the outbox that mention a product. */
export async function outboxPayloads<T>(t: TestApp, name: string, productId: string): Promise<T[]> {
  const rows = (await t.app.get(DataSource).query(
    `SELECT envelope->'payload' AS payload FROM platform.outbox
     WHERE name = $1 AND envelope->'payload'->>'productId' = $2 ORDER BY occurred_at, id`,
    [name, productId],
  )) as { payload: T }[];
  return rows.map((r) => r.payload);
}
