import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { encodeCursor, Page } from '../../common/http/pagination';
import { AdminUserDto, AdminUserQueryDto, UpdateUserAccessDto } from './dto/admin-user.dto';
import { SessionsService } from './sessions.service';
import { User } from './user.entity';
import { containsPattern } from './user-rules';
import { CannotChangeOwnAccessError, UserNotFoundError } from './users.errors';
import { decodeIdCursor } from '../../common/http/pagination';
import { findActiveById } from './users.queries';

/** The same expression as the trigram index `users_search_trgm_idx`, so the index serves `?q=`. */
export const SEARCH_TEXT = `lower(u.email || ' ' || coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, ''))`;

/** Staff view of accounts: search, role, disabling. Erased accounts are not listed. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /** Newest first (ids are time-ordered UUIDv7), keyset-paged by id. */
  async list(query: AdminUserQueryDto): Promise<Page<AdminUserDto>> {
    const after = decodeIdCursor(query.cursor);
    const qb = this.dataSource.manager
      .createQueryBuilder(User, 'u')
      .where('u.erasedAt IS NULL')
      .orderBy('u.id', 'DESC')
      .take(query.limit + 1);
    if (query.q) qb.andWhere(`${SEARCH_TEXT} LIKE :pattern`, { pattern: containsPattern(query.q) });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.disabled !== undefined) qb.andWhere('u.disabled = :disabled', { disabled: query.disabled });
    if (after) qb.andWhere('u.id < :after', { after });
    const rows = await qb.getMany();
    const items = rows.slice(0, query.limit).map(AdminUserDto.of);
    const nextCursor = rows.length > query.limit ? encodeCursor({ id: items[items.length - 1].id }) : null;
    return { items, nextCursor };
  }

  /** Disabling ends every session at once; the access tokens already out expire within minutes. */
  async updateAccess(actorId: string, userId: string, dto: UpdateUserAccessDto): Promise<AdminUserDto> {
    return this.dataSource.transaction(async (tx) => {
      const user = await findActiveById(tx, userId, true);
      if (!user) throw new UserNotFoundError();
      const demotes = dto.role !== undefined && dto.role !== user.role;
      if (actorId === userId && (demotes || dto.disabled === true)) throw new CannotChangeOwnAccessError();
      const disables = dto.disabled === true && !user.disabled;
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      const saved = await tx.save(user);
      // A role change must reach the access token, and only a new session carries the new claim.
      if (disables || demotes) await this.sessions.revokeAll(tx, userId);
      return AdminUserDto.of(saved);
    });
  }
}
