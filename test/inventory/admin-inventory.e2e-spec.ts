import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { bearer } from '../support/tokens';
import { admin, ledgerOf, newSku, placeOrder, stocked, stockOf, variantUpserted } from './inventory-fixtures';

describe('inventory admin and storefront routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  describe('GET /inventory/{sku}', () => {
    it('tells anyone what is available, not what is on hand', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 6 });
      await placeOrder(t, randomUUID(), [{ sku, quantity: 2 }]);
      await t.http.get(`/api/v1/inventory/${sku}`).expect(200, { sku, available: 4, inStock: true });
    });

    it('answers 404 for an unknown SKU', async () => {
      const res = await t.http.get(`/api/v1/inventory/${newSku('NOPE')}`).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('INVENTORY.STOCK_ITEM_NOT_FOUND');
    });
  });

  describe('PUT /admin/inventory/{sku}', () => {
    it('records a higher count as a receipt and a lower one as an adjustment, by whom', async () => {
      const sku = newSku();
      await publishCommitted(t.app, variantUpserted(sku));
      const staff = randomUUID();
      const res = await t.http
        .put(`/api/v1/admin/inventory/${sku}`)
        .set(bearer({ role: 'admin', userId: staff }))
        .send({ onHand: 12, reorderLevel: 3, reason: 'delivery 42' })
        .expect(200);
      expect(res.body).toMatchObject({ sku, onHand: 12, reserved: 0, available: 12, reorderLevel: 3, inStock: true, lowStock: false });
      await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 9 }).expect(200);
      const [adjust, receive] = await ledgerOf(t, sku);
      expect(receive).toMatchObject({ kind: 'receive', onHandDelta: 12, reservedDelta: 0, onHandAfter: 12, reason: 'delivery 42', actorId: staff, orderId: null });
      expect(adjust).toMatchObject({ kind: 'adjust', onHandDelta: -3, onHandAfter: 9, reason: 'stock count' });
    });

    it('writes no ledger entry when the count is unchanged, but still sets the reorder level', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 4 });
      const res = await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 4, reorderLevel: 4 }).expect(200);
      expect(res.body).toMatchObject({ onHand: 4, reorderLevel: 4, lowStock: true });
      expect(await ledgerOf(t, sku)).toHaveLength(1);
    });

    it('refuses a count below what is reserved with 409', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      await placeOrder(t, randomUUID(), [{ sku, quantity: 3 }]);
      const res = await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 2 }).expect(409);
      expect(res.body).toMatchObject({ code: 'INVENTORY.BELOW_RESERVED', sku, onHand: 2, reserved: 3 });
      await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 3 }).expect(200);
      expect(await stockOf(t, sku)).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    });

    it.each([
      [{ onHand: -1 }, 'onHand'],
      [{ onHand: 1.5 }, 'onHand'],
      [{ onHand: '3' }, 'onHand'],
      [{}, 'onHand'],
      [{ onHand: 3, reorderLevel: -1 }, 'reorderLevel'],
      [{ onHand: 3, reason: '   ' }, 'reason'],
      [{ onHand: 3, reserved: 0 }, 'reserved'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const sku = newSku();
      await stocked(t, { [sku]: 1 });
      const res = await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 404 for an unknown SKU', async () => {
      await t.http.put(`/api/v1/admin/inventory/${newSku('NOPE')}`).set(admin()).send({ onHand: 1 }).expect(404);
    });
  });

  describe('POST /admin/inventory/{sku}/adjustments', () => {
    it('moves on hand by the delta and records the reason', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 10 });
      const staff = randomUUID();
      const res = await t.http
        .post(`/api/v1/admin/inventory/${sku}/adjustments`)
        .set(bearer({ role: 'admin', userId: staff }))
        .send({ delta: -4, reason: '  water damage ' })
        .expect(201);
      expect(res.body.item).toMatchObject({ sku, onHand: 6, available: 6 });
      expect(res.body.entry).toMatchObject({ sku, kind: 'adjust', onHandDelta: -4, reservedDelta: 0, onHandAfter: 6, reason: 'water damage', actorId: staff });
      await t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).set(admin()).send({ delta: 2, reason: 'found' }).expect(201);
      expect(await stockOf(t, sku)).toMatchObject({ onHand: 8 });
    });

    it('never goes below what is reserved (409) and changes nothing then', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      await placeOrder(t, randomUUID(), [{ sku, quantity: 4 }]);
      const res = await t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).set(admin()).send({ delta: -2, reason: 'lost' }).expect(409);
      expect(res.body).toMatchObject({ status: 409, code: 'INVENTORY.BELOW_RESERVED', onHand: 3, reserved: 4 });
      expect(await stockOf(t, sku)).toMatchObject({ onHand: 5, reserved: 4 });
      expect((await ledgerOf(t, sku)).map((e) => e.kind)).toEqual(['reserve', 'receive']);
    });

    it.each([
      [{ delta: 0, reason: 'x' }, 'delta'],
      [{ delta: 1.5, reason: 'x' }, 'delta'],
      [{ delta: 2 }, 'reason'],
      [{ delta: 2, reason: '' }, 'reason'],
      [{ delta: 2, reason: 'x'.repeat(201) }, 'reason'],
      [{ delta: 2, reason: 'x', kind: 'receive' }, 'kind'],
    ])('refuses %j with 400 naming %s', async (body, field) => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const res = await t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).set(admin()).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('answers 404 for an unknown SKU', async () => {
      await t.http.post(`/api/v1/admin/inventory/${newSku('NOPE')}/adjustments`).set(admin()).send({ delta: 1, reason: 'x' }).expect(404);
    });
  });

  describe('GET /admin/inventory', () => {
    it('pages through every item in SKU order, without duplicates or gaps', async () => {
      const prefix = `LIST${randomUUID().slice(0, 6).toUpperCase()}`;
      const mine = [1, 2, 3, 4, 5].map((i) => `${prefix}-${i}`);
      await stocked(t, Object.fromEntries(mine.map((sku) => [sku, 3])));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await t.http.get('/api/v1/admin/inventory').query(cursor ? { limit: 2, cursor } : { limit: 2 }).set(admin()).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i: { sku: string }) => i.sku));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual(seen);
      expect(seen.filter((s) => s.startsWith(prefix))).toEqual(mine);
    });

    it('with lowStock=true lists only items at or below their reorder level', async () => {
      const low = newSku('LOW');
      const fine = newSku('FINE');
      await stocked(t, { [low]: 2, [fine]: 9 }, 3);
      const items: { sku: string; lowStock: boolean; available: number; reorderLevel: number }[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await t.http
          .get('/api/v1/admin/inventory')
          .query({ lowStock: 'true', limit: 100, ...(cursor ? { cursor } : {}) })
          .set(admin())
          .expect(200);
        items.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(items.every((i) => i.lowStock && i.available <= i.reorderLevel)).toBe(true);
      expect(items.map((i) => i.sku)).toContain(low);
      expect(items.map((i) => i.sku)).not.toContain(fine);
    });

    it.each([{ lowStock: 'maybe' }, { limit: 1000 }, { limit: 0 }, { cursor: 'not-a-cursor' }, { cursor: Buffer.from('{"sku":7}').toString('base64url') }])(
      'refuses %j with 400',
      async (query) => {
        const res = await t.http.get('/api/v1/admin/inventory').query(query).set(admin()).expect(400);
        expect(res.body.code).toBe('COMMON.VALIDATION_FAILED');
      },
    );
  });

  describe('GET /admin/inventory/{sku}/ledger', () => {
    it('pages through every movement, newest first', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      for (const delta of [1, 2, 3, 4]) {
        await t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).set(admin()).send({ delta, reason: `+${delta}` }).expect(201);
      }
      const first = await t.http.get(`/api/v1/admin/inventory/${sku}/ledger`).query({ limit: 2 }).set(admin()).expect(200);
      expect(first.body.items.map((e: { reason: string }) => e.reason)).toEqual(['+4', '+3']);
      const all = await ledgerOf(t, sku, 2);
      expect(all.map((e) => e.onHandAfter)).toEqual([15, 11, 8, 6, 5]);
      expect(new Set(all.map((e) => e.id)).size).toBe(5);
    });

    it('answers 404 for an unknown SKU and 400 for a bad cursor', async () => {
      await t.http.get(`/api/v1/admin/inventory/${newSku('NOPE')}/ledger`).set(admin()).expect(404);
      const sku = newSku();
      await stocked(t, { [sku]: 1 });
      const bad = Buffer.from('{"id":"nope"}').toString('base64url');
      await t.http.get(`/api/v1/admin/inventory/${sku}/ledger`).query({ cursor: bad }).set(admin()).expect(400);
    });
  });

  describe('access', () => {
    const routes = (sku: string) => [
      t.http.get('/api/v1/admin/inventory'),
      t.http.get(`/api/v1/admin/inventory/${sku}`),
      t.http.put(`/api/v1/admin/inventory/${sku}`).send({ onHand: 1 }),
      t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).send({ delta: 1, reason: 'x' }),
      t.http.get(`/api/v1/admin/inventory/${sku}/ledger`),
    ];

    it('answers 401 without a token on every admin route', async () => {
      for (const req of routes(newSku())) {
        const res = await req.expect(401);
        expect(res.body.code).toBe('AUTH.UNAUTHORIZED');
      }
    });

    it('answers 403 to a customer on every admin route, and changes nothing', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 2 });
      for (const req of routes(sku)) {
        await req.set(bearer({ role: 'customer' })).expect(403);
      }
      expect(await stockOf(t, sku)).toMatchObject({ onHand: 2 });
    });
  });

  it('documents every inventory route with its DTOs and error statuses', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    const op = (path: string, method: string) => doc.paths[`/api/v1${path}`]?.[method];
    const expectations: [string, string, string, string[]][] = [
      ['/inventory/{sku}', 'get', 'inventory', ['200', '404']],
      ['/admin/inventory', 'get', 'admin: inventory', ['200', '400', '401', '403']],
      ['/admin/inventory/{sku}', 'get', 'admin: inventory', ['200', '401', '403', '404']],
      ['/admin/inventory/{sku}', 'put', 'admin: inventory', ['200', '400', '401', '403', '404', '409']],
      ['/admin/inventory/{sku}/adjustments', 'post', 'admin: inventory', ['201', '400', '401', '403', '404', '409']],
      ['/admin/inventory/{sku}/ledger', 'get', 'admin: inventory', ['200', '400', '401', '403', '404']],
    ];
    for (const [path, method, tag, statuses] of expectations) {
      const operation = op(path, method);
      expect(operation).toBeDefined();
      expect(operation.tags).toEqual([tag]);
      expect(operation.summary).toEqual(expect.any(String));
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
    }
    for (const schema of ['AvailabilityDto', 'StockItemDto', 'StockItemPageDto', 'LedgerEntryDto', 'LedgerPageDto', 'SetStockDto', 'AdjustStockDto', 'AdjustmentDto']) {
      expect(doc.components.schemas[schema]).toBeDefined();
    }
    expect(doc.components.schemas.LedgerEntryDto.properties.kind.enum).toEqual(['receive', 'adjust', 'reserve', 'release', 'sell', 'restock']);
  });
});
