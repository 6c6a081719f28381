import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { PasswordHasher } from './password-hasher.service';
import { normalizeEmail } from './user-rules';
import { UsersConfig } from './users.config';
import { findActiveByEmail } from './users.queries';

/**
 * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no account has that address.
 * Never overwrites: once the account exists, its password and role belong to its owner.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly config: UsersConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstAdmin();
  }

  /** True when this call created the account. Safe when several instances start at once. */
  async ensureFirstAdmin(): Promise<boolean> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return false;
    if (await findActiveByEmail(this.dataSource.manager, email)) return false;
    const passwordHash = await this.passwords.hash(password);
    // Two instances may get here together: the unique index on lower(email) lets one of them win.
    const rows = (await this.dataSource.query(
      `INSERT INTO users.users (id, email, password_hash, role, email_verified_at)
       VALUES ($1, $2, $3, 'admin', now())
       ON CONFLICT ((lower(email))) DO NOTHING
       RETURNING id`,
      [newId(), normalizeEmail(email), passwordHash],
    )) as { id: string }[];
    if (rows.length > 0) this.logger.log({ userId: rows[0].id }, 'created the first admin from ADMIN_EMAIL');
    return rows.length > 0;
  }
}
