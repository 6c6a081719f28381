import type { EntityManager } from 'typeorm';
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
