import { randomUUID } from 'node:crypto';
import { VariantUpserted } from '../../src/modules/catalog/catalog.events';
import type { TestApp } from './app';
import { publishCommitted } from './events';
import { bearer } from './tokens';

/**
 * Puts plenty of these SKUs on the shelf, for tests of modules downstream of inventory that place
 * orders (inventory reserves every order's lines in the order's transaction).
 */
export async function stockUp(t: TestApp, skus: string[], onHand = 1_000_000): Promise<void> {
  await publishCommitted(
    t.app,
    ...skus.map(
      (sku) =>
        new VariantUpserted({
          variantId: randomUUID(),
          productId: randomUUID(),
          sku,
          name: sku,
          price: { amount: 1000, currency: 'EUR' },
          sellable: true,
        }),
    ),
  );
  const admin = bearer({ role: 'admin' });
  for (const sku of skus) {
    await t.http.put(`/api/v1/admin/inventory/${encodeURIComponent(sku)}`).set(admin).send({ onHand }).expect(200);
  }
}
