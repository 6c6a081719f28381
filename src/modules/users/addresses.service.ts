import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '../../common/database/uuid';
import { encodeCursor, Page, PageQueryDto } from '../../common/http/pagination';
import { Address } from './address.entity';
import { AddressDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto';
import { AddressLimitReachedError, AddressNotFoundError } from './users.errors';
import { decodeIdCursor } from '../../common/http/pagination';

/** Enough for home, work and family; a bound keeps a script from filling the table. */
export const MAX_ADDRESSES_PER_USER = 50;

/** A customer's address book. Every query names the owner, so another customer's address is a 404. */
@Injectable()
export class AddressesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(userId: string, page: PageQueryDto): Promise<Page<AddressDto>> {
    const after = decodeIdCursor(page.cursor);
    const query = this.dataSource.manager
      .createQueryBuilder(Address, 'a')
      .where('a.userId = :userId', { userId })
      .orderBy('a.id', 'ASC')
      .take(page.limit + 1);
    if (after) query.andWhere('a.id > :after', { after });
    const rows = await query.getMany();
    const items = rows.slice(0, page.limit).map(AddressDto.of);
    const nextCursor = rows.length > page.limit ? encodeCursor({ id: items[items.length - 1].id }) : null;
    return { items, nextCursor };
  }

  async create(userId: string, dto: CreateAddressDto): Promise<AddressDto> {
    return this.dataSource.transaction(async (tx) => {
      // Serialises a customer's address-book writes, so the count and the default stay right.
      await tx.query(`SELECT id FROM users.users WHERE id = $1 FOR UPDATE`, [userId]);
      const count = await tx.countBy(Address, { userId });
      if (count >= MAX_ADDRESSES_PER_USER) throw new AddressLimitReachedError(MAX_ADDRESSES_PER_USER);
      const isDefault = count === 0 || dto.isDefault === true;
      if (isDefault) await this.clearDefault(tx, userId);
      const address = tx.create(Address, {
        ...dto,
        id: newId(),
        userId,
        label: dto.label ?? null,
        line2: dto.line2 ?? null,
        region: dto.region ?? null,
        phone: dto.phone ?? null,
        isDefault,
      });
      return AddressDto.of(await tx.save(address));
    });
  }

  async update(userId: string, id: string, dto: UpdateAddressDto): Promise<AddressDto> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT id FROM users.users WHERE id = $1 FOR UPDATE`, [userId]);
      const address = await tx.findOneBy(Address, { id, userId });
      if (!address) throw new AddressNotFoundError();
      if (dto.isDefault === true && !address.isDefault) await this.clearDefault(tx, userId);
      Object.assign(address, dto);
      return AddressDto.of(await tx.save(address));
    });
  }

  async remove(userId: string, id: string): Promise<void> {
    const result = await this.dataSource.manager.delete(Address, { id, userId });
    if (!result.affected) throw new AddressNotFoundError();
  }

  private async clearDefault(tx: EntityManager, userId: string): Promise<void> {
    await tx.update(Address, { userId, isDefault: true }, { isDefault: false });
  }
}
