import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One refresh token of a session (a family). Only its SHA-256 hash is stored. Using it spends it
 * (`usedAt`) and issues the next one in the same family; presenting a spent one revokes the family.
 */
@Entity({ schema: 'users', name: 'refresh_tokens' })
@Index('refresh_tokens_hash_uq', ['tokenHash'], { unique: true })
@Index('refresh_tokens_family_idx', ['familyId'])
@Index('refresh_tokens_user_idx', ['userId'])
export class RefreshToken {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('uuid') familyId: string;
  @Column('text') tokenHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
