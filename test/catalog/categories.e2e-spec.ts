import { bootApp, eventually, TestApp } from '../support/app';
import { admin, createCategory, createProduct, uniqueWord } from './catalog-fixtures';

interface Node {
  id: string;
  slug: string;
  name: string;
  position: number;
  children: Node[];
}

describe('categories', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  const tree = async (): Promise<Node[]> => (await t.http.get('/api/v1/categories').expect(200)).body.items;
  const find = (nodes: Node[], id: string): Node | undefined =>
    nodes.map((n) => (n.id === id ? n : find(n.children, id))).find(Boolean);

  it('builds a tree ordered by position and describes one category by slug', async () => {
    const root = await createCategory(t, { name: `Clothing ${uniqueWord()}` });
    const second = await createCategory(t, { name: 'Trousers', slug: `trousers-${uniqueWord()}`, parentId: root.id, position: 2 });
    const first = await createCategory(t, { name: 'Shirts', parentId: root.id, position: 1 });
    const leaf = await createCategory(t, { name: 'Linen shirts', parentId: first.id });
    expect(first.slug).toBe('shirts');
    await eventually(async () => {
      const node = find(await tree(), root.id)!;
      expect(node.children.map((c) => c.id)).toEqual([first.id, second.id]);
      expect(node.children[0].children).toEqual([{ id: leaf.id, slug: leaf.slug, name: 'Linen shirts', position: 0, children: [] }]);
    });
    const detail = await t.http.get(`/api/v1/categories/${first.slug}`).expect(200);
    expect(detail.body).toEqual({
      id: first.id,
      slug: first.slug,
      name: 'Shirts',
      position: 1,
      parent: { id: root.id, slug: root.slug, name: root.name },
      breadcrumbs: [
        { id: root.id, slug: root.slug, name: root.name },
        { id: first.id, slug: first.slug, name: 'Shirts' },
      ],
      children: [{ id: leaf.id, slug: leaf.slug, name: 'Linen shirts' }],
    });
    await t.http.get('/api/v1/categories/no-such-category').expect(404);
  });

  it('refuses a duplicate slug, an unknown parent and a move into its own subtree', async () => {
    const root = await createCategory(t);
    const child = await createCategory(t, { parentId: root.id });
    const dup = await t.http.post('/api/v1/admin/categories').set(admin()).send({ name: 'x', slug: root.slug }).expect(409);
    expect(dup.body.code).toBe('CATALOG.SLUG_TAKEN');
    await t.http
      .post('/api/v1/admin/categories')
      .set(admin())
      .send({ name: 'x', parentId: '0190a3c2-1111-7222-8333-444455556666' })
      .expect(400);
    const cycle = await t.http.patch(`/api/v1/admin/categories/${root.id}`).set(admin()).send({ parentId: child.id }).expect(409);
    expect(cycle.body.code).toBe('CATALOG.CATEGORY_CYCLE');
    await t.http.patch(`/api/v1/admin/categories/${root.id}`).set(admin()).send({ parentId: root.id }).expect(409);
    const unchanged = await t.http.patch(`/api/v1/admin/categories/${root.id}`).set(admin()).send({}).expect(200);
    expect(unchanged.body).toMatchObject({ id: root.id, version: 1 });
  });

  it('moves a subtree: its products follow in category filters', async () => {
    const from = await createCategory(t);
    const to = await createCategory(t);
    const moved = await createCategory(t, { parentId: from.id });
    const below = await createCategory(t, { parentId: moved.id });
    const product = await createProduct(t, { categoryId: below.id });
    await t.http.patch(`/api/v1/admin/categories/${moved.id}`).set(admin()).send({ parentId: to.id }).expect(200);
    await eventually(async () => {
      const inTo = await t.http.get(`/api/v1/products?category=${to.slug}`).expect(200);
      expect(inTo.body.items.map((p: { id: string }) => p.id)).toEqual([product.id]);
      const inFrom = await t.http.get(`/api/v1/products?category=${from.slug}`).expect(200);
      expect(inFrom.body.items).toEqual([]);
      const crumbs = (await t.http.get(`/api/v1/categories/${below.slug}`).expect(200)).body.breadcrumbs;
      expect(crumbs.map((c: { id: string }) => c.id)).toEqual([to.id, moved.id, below.id]);
    });
  });

  it('deletes only empty leaves', async () => {
    const root = await createCategory(t);
    const leaf = await createCategory(t, { parentId: root.id });
    const product = await createProduct(t, { categoryId: leaf.id, status: 'draft' });
    const children = await t.http.delete(`/api/v1/admin/categories/${root.id}`).set(admin()).expect(409);
    expect(children.body.code).toBe('CATALOG.CATEGORY_HAS_CHILDREN');
    const products = await t.http.delete(`/api/v1/admin/categories/${leaf.id}`).set(admin()).expect(409);
    expect(products.body.code).toBe('CATALOG.CATEGORY_HAS_PRODUCTS');
    await t.http.patch(`/api/v1/admin/products/${product.id}`).set(admin()).send({ categoryId: null }).expect(200);
    await t.http.delete(`/api/v1/admin/categories/${leaf.id}`).set(admin()).expect(204);
    await t.http.delete(`/api/v1/admin/categories/${root.id}`).set(admin()).expect(204);
    await t.http.delete(`/api/v1/admin/categories/${root.id}`).set(admin()).expect(404);
    await eventually(async () => expect(find(await tree(), root.id)).toBeUndefined());
  });
});
