import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-error';
import { unstorableFields } from './validation';

/** `?limit=&cursor=`, the paging of every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page (`nextCursor`)' })
  @IsOptional() @IsString() @MaxLength(512)
  cursor?: string;
}

/** Cursors are opaque to clients: base64url JSON of the keyset position. */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

const invalidCursor = () => new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid' }]);

/** A cursor's keyset position; one that is not base64url JSON of an object, or holds text no column could, is a 400. */
export function decodeCursor<T extends Record<string, unknown>>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || unstorableFields(value).length) throw invalidCursor();
  return value as T;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id an `{ id }` cursor resumes after (lists newest first by their time-ordered UUID v7 ids). */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  const position = decodeCursor<{ id?: unknown }>(cursor);
  if (!position) return undefined;
  if (typeof position.id !== 'string' || !UUID.test(position.id)) throw invalidCursor();
  return position.id;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
