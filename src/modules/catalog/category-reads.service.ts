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

  tree(): Promise<CachedBody> {
    return this.cache.through('tree', 'all', async () => renderBody({ items: buildCategoryTree(await this.rows()) }));
  }

  bySlug(slug: string): Promise<CachedBody> {
    return this.cache.through('tree', `slug:${slug}`, async () => {
      const detail = categoryDetail(await this.rows(), slug);
      if (!detail) throw new CategoryNotFoundError();
      return renderBody(detail);
    });
  }

  private async rows(): Promise<CategoryRow[]> {
    return (await this.dataSource.query(ALL_CATEGORIES)) as CategoryRow[];
  }
}
