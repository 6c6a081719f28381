import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Like } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { CategoryTreeChanged } from './catalog.events';
import { CategoryCycleError, CategoryInUseError, CategoryNotFoundError, SlugTakenError, UnknownCategoryError } from './catalog.errors';
import { Category } from './category.entity';
import { wouldCycle } from './category-tree';
import type { CategoryDto, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';
import { ListingProjector } from './listing-projector';
import { Product } from './product.entity';
import { firstFreeSlug, isUuid, slugify } from './slug';
import { translateUniqueViolation } from './unique-violations';

const toDto = (c: Category): CategoryDto => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  parentId: c.parentId,
  position: c.position,
  version: c.version,
});

/** Staff use cases on the category tree; each is one transaction and announces the change. */
@Injectable()
export class AdminCategoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventBus,
    private readonly projector: ListingProjector,
  ) {}

  async create(input: CreateCategoryDto): Promise<CategoryDto> {
    return this.dataSource
      .transaction(async (tx) => {
        const parent = input.parentId ? await this.parent(tx, input.parentId) : null;
        const slug = input.slug ?? (await this.freeSlug(tx, slugify(input.name, 'category')));
        if (input.slug) await this.assertSlugFree(tx, input.slug);
        const id = newId();
        await tx.insert(Category, {
          id,
          name: input.name,
          slug,
          parentId: parent?.id ?? null,
          path: [...(parent?.path ?? []), id],
          position: input.position ?? 0,
        });
        await this.events.publish(tx, new CategoryTreeChanged({ categoryId: id }));
        return toDto(await tx.findOneByOrFail(Category, { id }));
      })
      .catch((err: unknown) => translateUniqueViolation(err, { slug: input.slug }));
  }

  /** Renames, re-slugs or moves; the listings of every product below it follow in the same transaction. */
  async update(id: string, input: UpdateCategoryDto): Promise<CategoryDto> {
    return this.dataSource
      .transaction(async (tx) => {
        const category = await this.lock(tx, id);
        if (input.slug !== undefined && input.slug !== category.slug) await this.assertSlugFree(tx, input.slug);
        const moves = input.parentId !== undefined && input.parentId !== category.parentId;
        if (moves) await this.move(tx, category, input.parentId ?? null);
        const changes = {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.slug !== undefined ? { slug: input.slug } : {}),
          ...(input.position !== undefined ? { position: input.position } : {}),
          ...(moves ? { parentId: input.parentId ?? null } : {}),
        };
        if (Object.keys(changes).length === 0) return toDto(category);
        await tx.update(Category, { id }, changes);
        const relabelled = (input.name ?? category.name) !== category.name || (input.slug ?? category.slug) !== category.slug;
        if (moves || relabelled) await this.refreshProductsBelow(tx, id);
        await this.events.publish(tx, new CategoryTreeChanged({ categoryId: id }));
        return toDto(await tx.findOneByOrFail(Category, { id }));
      })
      .catch((err: unknown) => translateUniqueViolation(err, { slug: input.slug }));
  }

  /** Only an empty leaf can go: no subcategory, no product in any status. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const category = await this.lock(tx, id);
      if (await tx.existsBy(Category, { parentId: category.id })) throw new CategoryInUseError('children');
      if (await tx.existsBy(Product, { categoryId: category.id })) throw new CategoryInUseError('products');
      await tx.delete(Category, { id: category.id });
      await this.events.publish(tx, new CategoryTreeChanged({ categoryId: id }));
    });
  }

  private async move(tx: EntityManager, category: Category, parentId: string | null): Promise<void> {
    const parent = parentId ? await this.parent(tx, parentId) : null;
    const parentPath = parent?.path ?? [];
    if (wouldCycle(category.id, parentPath)) throw new CategoryCycleError();
    // The subtree keeps everything from this category down, under the new parent's path.
    await tx.query(
      `UPDATE catalog.categories SET path = $2::uuid[] || path[array_position(path, $1::uuid):]
       WHERE path @> ARRAY[$1::uuid]`,
      [category.id, parentPath],
    );
  }

  private async refreshProductsBelow(tx: EntityManager, id: string): Promise<void> {
    const rows = (await tx.query(
      `SELECT p.id FROM catalog.products p
       JOIN catalog.categories c ON c.id = p.category_id
       WHERE c.path @> ARRAY[$1::uuid] AND p.status = 'published'`,
      [id],
    )) as { id: string }[];
    await this.projector.refresh(tx, rows.map((r) => r.id));
  }

  private async lock(tx: EntityManager, id: string): Promise<Category> {
    const category = isUuid(id) ? await tx.findOne(Category, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!category) throw new CategoryNotFoundError();
    return category;
  }

  private async parent(tx: EntityManager, parentId: string): Promise<Category> {
    const parent = await tx.findOneBy(Category, { id: parentId });
    if (!parent) throw new UnknownCategoryError('parentId');
    return parent;
  }

  private async assertSlugFree(tx: EntityManager, slug: string): Promise<void> {
    if (await tx.existsBy(Category, { slug })) throw new SlugTakenError(slug);
  }

  private async freeSlug(tx: EntityManager, base: string): Promise<string> {
    const rows = await tx.find(Category, { select: { slug: true }, where: [{ slug: base }, { slug: Like(`${base}-%`) }] });
    return firstFreeSlug(base, new Set(rows.map((r) => r.slug)));
  }
}
