import { buildCategoryTree, categoryDetail, CategoryRow, wouldCycle } from './category-tree';

const row = (id: string, parentId: string | null, position: number, path: string[]): CategoryRow => ({
  id,
  slug: `s-${id}`,
  name: `N ${id}`,
  parentId,
  position,
  path,
});

const rows = [
  row('b', null, 1, ['b']),
  row('a', null, 0, ['a']),
  row('a2', 'a', 2, ['a', 'a2']),
  row('a1', 'a', 1, ['a', 'a1']),
  row('a1x', 'a1', 0, ['a', 'a1', 'a1x']),
];

describe('category tree', () => {
  it('nests children under their parents, ordered by position', () => {
    const tree = buildCategoryTree(rows);
    expect(tree.map((n) => n.id)).toEqual(['a', 'b']);
    expect(tree[0].children.map((n) => n.id)).toEqual(['a1', 'a2']);
    expect(tree[0].children[0].children.map((n) => n.id)).toEqual(['a1x']);
    expect(tree[1].children).toEqual([]);
  });

  it('describes one category with its parent, breadcrumbs and children', () => {
    const detail = categoryDetail(rows, 's-a1')!;
    expect(detail.parent).toEqual({ id: 'a', slug: 's-a', name: 'N a' });
    expect(detail.breadcrumbs.map((c) => c.id)).toEqual(['a', 'a1']);
    expect(detail.children.map((c) => c.id)).toEqual(['a1x']);
    expect(categoryDetail(rows, 'nope')).toBeUndefined();
  });

  it('detects a move into the own subtree', () => {
    expect(wouldCycle('a', ['a', 'a1'])).toBe(true);
    expect(wouldCycle('a1', ['b'])).toBe(false);
  });
});
