import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** A node of the category tree. `path` lists the ids from the root down to this node (itself included). */
@Entity({ schema: 'catalog', name: 'categories' })
@Index('categories_parent_idx', ['parentId'])
export class Category {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Index('categories_slug_key', { unique: true }) @Column('text') slug: string;
  @Column('uuid', { nullable: true }) parentId: string | null;
  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'categories_parent_fk' })
  parent?: Category;
  @Column('uuid', { array: true }) path: string[];
  @Column('integer', { default: 0 }) position: number;
  @VersionColumn() version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
