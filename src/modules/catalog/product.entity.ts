import {
  Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import { Category } from './category.entity';

export type ProductStatus = 'draft' | 'published' | 'archived';
export const PRODUCT_STATUSES: ProductStatus[] = ['draft', 'published', 'archived'];

export interface ProductImage {
  url: string;
  alt: string | null;
  position: number;
}

/** The product document an admin edits; shoppers read its projection (`product_listings`). */
@Entity({ schema: 'catalog', name: 'products' })
@Check('products_status_check', `"status" IN ('draft', 'published', 'archived')`)
@Check('products_rating_check', '"rating_count" >= 0 AND "rating_total" >= 0')
@Index('products_category_idx', ['categoryId'])
export class Product {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Index('products_slug_key', { unique: true }) @Column('text') slug: string;
  @Column('text', { default: '' }) description: string;
  @Column('text', { default: 'draft' }) status: ProductStatus;
  @Column('uuid', { nullable: true }) categoryId: string | null;
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'products_category_fk' })
  category?: Category;
  /** Key/value facts shoppers filter on, e.g. `{ "brand": "acme", "material": "leather" }`. */
  @Column('jsonb', { default: {} }) attributes: Record<string, string>;
  /** Sorted by position; URLs are https and never fetched by the server. */
  @Column('jsonb', { default: [] }) images: ProductImage[];
  @Column('text', { nullable: true }) seoTitle: string | null;
  @Column('text', { nullable: true }) seoDescription: string | null;
  /** Set when the product is first published; the `newest` sort uses it. */
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @Column('integer', { default: 0 }) ratingCount: number;
  @Column('integer', { default: 0 }) ratingTotal: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
