import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CachedBody, CatalogCache } from './catalog-cache';
import { CategoryNotFoundError } from './catalog.errors';
import { buildCategoryTree, categoryDetail, CategoryRow } from './category-tree';
import { renderBody } from './http-cache';

const ALL_CATEGORIES = `SELECT id, slug, name, parent_id AS "parentId", position, path::text[] AS path FROM catalog.categories`;

/** The public category reads, rendered once per tree generation and served from Redis. */
@Injectable()
export class CategoryReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: CatalogCache,
  ) {}

  async tree(): Promise<CachedBody> {
    const { hit, generation } = await this.cache.get('tree', 'all');
    if (hit) return hit;
    const entry = renderBody({ items: buildCategoryTree(await this.rows()) });
    await this.cache.set('tree', generation, 'all', entry);
    return entry;
  }

  async bySlug(slug: string): Promise<CachedBody> {
    const key = `slug:${slug}`;
    const { hit, generation } = await this.cache.get('tree', key);
    if (hit) return hit;
    const detail = categoryDetail(await this.rows(), slug);
    if (!detail) throw new CategoryNotFoundError();
    const entry = renderBody(detail);
    await this.cache.set('tree', generation, key, entry);
    return entry;
  }

  private async rows(): Promise<CategoryRow[]> {
    return (await this.dataSource.query(ALL_CATEGORIES)) as CategoryRow[];
  }
}
