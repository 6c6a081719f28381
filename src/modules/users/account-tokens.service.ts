import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newId } from '../../common/database/uuid';
import type { AccountTokenPurpose } from './account-token.entity';
import { expiresAfter, hashToken, newOpaqueToken } from './tokens';

export interface IssuedAccountToken {
  /** Goes into the event for the mailer, nowhere else. */
  raw: string;
  expiresAt: Date;
}

/** Single-use link tokens (password reset, e-mail verification), stored as hashes. */
@Injectable()
export class AccountTokensService {
  /** Issues a token and voids the user's earlier ones of the same purpose: only the newest link works. */
  async issue(tx: EntityManager, userId: string, purpose: AccountTokenPurpose, ttlSeconds: number): Promise<IssuedAccountToken> {
    await this.voidAll(tx, userId, purpose);
    const raw = newOpaqueToken();
    const expiresAt = expiresAfter(new Date(), ttlSeconds);
    await tx.query(
      `INSERT INTO users.account_tokens (id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [newId(), userId, purpose, hashToken(raw), expiresAt],
    );
    return { raw, expiresAt };
  }

  /** Spends a token in one conditional update; the user id when it was usable, else undefined. */
  async consume(tx: EntityManager, raw: string, purpose: AccountTokenPurpose): Promise<string | undefined> {
    const [rows] = (await tx.query(
      `UPDATE users.account_tokens SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
       RETURNING user_id AS "userId"`,
      [hashToken(raw), purpose],
    )) as [{ userId: string }[], number];
    return rows[0]?.userId;
  }

  async voidAll(tx: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await tx.query(
      `UPDATE users.account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
  }

  async deleteAll(tx: EntityManager, userId: string): Promise<void> {
    await tx.query(`DELETE FROM users.account_tokens WHERE user_id = $1`, [userId]);
  }
}
