import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type AccountTokenPurpose = 'email_verification' | 'password_reset';

/** A single-use link token (password reset, e-mail verification); only its SHA-256 hash is stored. */
@Entity({ schema: 'users', name: 'account_tokens' })
@Check('account_tokens_purpose_check', `purpose IN ('email_verification', 'password_reset')`)
@Index('account_tokens_hash_uq', ['tokenHash'], { unique: true })
@Index('account_tokens_user_idx', ['userId', 'purpose'])
export class AccountToken {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text') purpose: AccountTokenPurpose;
  @Column('text') tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
