import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DELETE_SUGGEST_TERMS, INSERT_SEARCH_WORDS, INSERT_SUGGEST_TERMS, LOCK_PRODUCTS, PRUNE_SEARCH_WORDS, UPSERT_LISTINGS,
} from './listing-sql';

const REINDEX_BATCH = 1000;

/**
 * Keeps the public read model (listings, cards, suggest terms, search vocabulary) in step with the
 * product documents, inside the writer's transaction. It locks the products first, so two writers
 * of one product project one after the other from what the first committed.
 */
@Injectable()
export class ListingProjector {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Returns how many of the products changed publicly (0: nothing a shopper sees changed). */
  async refresh(tx: EntityManager, productIds: string[]): Promise<number> {
    const ids = [...new Set(productIds)].sort();
    if (ids.length === 0) return 0;
    await tx.query(LOCK_PRODUCTS, [ids]);
    const [{ changed }] = (await tx.query(UPSERT_LISTINGS, [ids])) as { changed: number }[];
    if (changed > 0) {
      await tx.query(DELETE_SUGGEST_TERMS, [ids]);
      await tx.query(INSERT_SUGGEST_TERMS, [ids]);
      await tx.query(INSERT_SEARCH_WORDS, [ids]);
    }
    return changed;
  }

  /** Rebuilds the read model of the whole catalog (after a bulk import), batch by batch. */
  async refreshAll(): Promise<{ products: number; changed: number }> {
    let after = '00000000-0000-0000-0000-000000000000';
    let products = 0;
    let changed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT id FROM catalog.products WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, REINDEX_BATCH],
      )) as { id: string }[];
      if (rows.length === 0) break;
      const ids = rows.map((r) => r.id);
      changed += await this.dataSource.transaction((tx) => this.refresh(tx, ids));
      products += ids.length;
      after = ids[ids.length - 1];
    }
    await this.pruneVocabulary();
    return { products, changed };
  }

  async pruneVocabulary(): Promise<void> {
    await this.dataSource.query(PRUNE_SEARCH_WORDS);
  }
}
