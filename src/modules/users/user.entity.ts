import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../../common/auth/auth.types';

/** An account. After erasure (GDPR) the row stays as an anonymous tombstone: no e-mail, no name. */
@Entity({ schema: 'users', name: 'users' })
@Check('users_role_check', `role IN ('customer', 'admin')`)
// E-mail uniqueness ignores case; the index is written by hand in the migration (expression index).
@Index('users_email_lower_uq', { synchronize: false })
// Admin search (`?q=`) on e-mail and names: a trigram index, written by hand in the migration.
@Index('users_search_trgm_idx', { synchronize: false })
export class User {
  @PrimaryColumn('uuid') id: string;
  @Column('text') email: string;
  @Column('timestamptz', { nullable: true }) emailVerifiedAt: Date | null;
  @Column('text') passwordHash: string;
  @Column('text', { nullable: true }) firstName: string | null;
  @Column('text', { nullable: true }) lastName: string | null;
  @Column('text', { default: 'customer' }) role: Role;
  @Column('boolean', { default: false }) disabled: boolean;
  @Column('timestamptz', { nullable: true }) erasedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
