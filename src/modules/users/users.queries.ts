import { isUUID } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { decodeCursor } from '../../common/http/pagination';
import { User } from './user.entity';
import { normalizeEmail } from './user-rules';

/** The account that owns an address, ignoring case; erased accounts have none. */
export function findActiveByEmail(em: EntityManager, email: string): Promise<User | null> {
  return em
    .createQueryBuilder(User, 'u')
    .where('lower(u.email) = lower(:email)', { email: normalizeEmail(email) })
    .andWhere('u.erasedAt IS NULL')
    .getOne();
}

/** A live (not erased) account by id; `lock` for read-modify-write use cases. */
export function findActiveById(em: EntityManager, id: string, lock = false): Promise<User | null> {
  const query = em.createQueryBuilder(User, 'u').where('u.id = :id', { id }).andWhere('u.erasedAt IS NULL');
  return (lock ? query.setLock('pessimistic_write') : query).getOne();
}

/** The `{ id }` keyset position of a page cursor; anything else is a 400, never a SQL error. */
export function idCursor(cursor: string | undefined): string | undefined {
  const position = decodeCursor<{ id?: unknown }>(cursor);
  if (!position) return undefined;
  if (typeof position.id !== 'string' || !isUUID(position.id)) {
    throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid' }]);
  }
  return position.id;
}
