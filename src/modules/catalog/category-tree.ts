import type { CategoryDetailDto, CategoryNodeDto } from './dto/category.dto';
import type { CategoryRefDto } from './dto/product-card.dto';

export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  position: number;
  path: string[];
}

const bySiblingOrder = (a: CategoryRow, b: CategoryRow) => a.position - b.position || a.name.localeCompare(b.name);
const ref = (c: CategoryRow): CategoryRefDto => ({ id: c.id, slug: c.slug, name: c.name });

/** The flat rows as a forest of roots, siblings by position then name. */
export function buildCategoryTree(rows: CategoryRow[]): CategoryNodeDto[] {
  const children = new Map<string | null, CategoryRow[]>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const build = (parentId: string | null): CategoryNodeDto[] =>
    (children.get(parentId) ?? [])
      .sort(bySiblingOrder)
      .map((c) => ({ id: c.id, slug: c.slug, name: c.name, position: c.position, children: build(c.id) }));
  return build(null);
}

export function categoryDetail(rows: CategoryRow[], slug: string): CategoryDetailDto | undefined {
  const category = rows.find((r) => r.slug === slug);
  if (!category) return undefined;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const parent = category.parentId ? byId.get(category.parentId) : undefined;
  return {
    id: category.id,
    slug: category.slug,
    name: category.name,
    position: category.position,
    parent: parent ? ref(parent) : null,
    breadcrumbs: category.path.map((id) => byId.get(id)).filter((c): c is CategoryRow => !!c).map(ref),
    children: rows.filter((r) => r.parentId === category.id).sort(bySiblingOrder).map(ref),
  };
}

/** Moving a category under `newParentPath` would put it inside its own subtree. */
export const wouldCycle = (categoryId: string, newParentPath: string[]): boolean => newParentPath.includes(categoryId);
