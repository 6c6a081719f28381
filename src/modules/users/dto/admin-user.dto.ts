import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../../../common/auth/auth.types';
import { PageQueryDto } from '../../../common/http/pagination';
import type { User } from '../user.entity';
import { UserDto } from './user.dto';
import { Omittable } from '../../../common/http/validation';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The account as staff see it. */
export class AdminUserDto extends UserDto {
  @ApiProperty({ description: 'A disabled account can neither sign in nor refresh' }) disabled: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static override of(user: User): AdminUserDto {
    return { ...UserDto.of(user), disabled: user.disabled, updatedAt: user.updatedAt.toISOString() };
  }
}

export class AdminUserPageDto {
  @ApiProperty({ type: [AdminUserDto] }) items: AdminUserDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

/** Newest first; `q` matches e-mail, first or last name (case-insensitive substring). */
export class AdminUserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of an e-mail address or name', example: 'lovelace', maxLength: 100 })
  @Omittable() @IsString() @MinLength(1) @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['customer', 'admin'] })
  @Omittable() @IsIn(['customer', 'admin'])
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @Omittable() @Transform(toBool) @IsBoolean()
  disabled?: boolean;
}

export class UpdateUserAccessDto {
  @ApiPropertyOptional({ enum: ['customer', 'admin'] })
  @Omittable() @IsIn(['customer', 'admin'])
  role?: Role;

  @ApiPropertyOptional({ description: 'Disabling ends every session of the user' })
  @Omittable() @IsBoolean()
  disabled?: boolean;
}
