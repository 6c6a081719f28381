import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../../../common/auth/auth.types';
import type { User } from '../user.entity';
import { EmailField, NameField, NewPasswordField } from './fields';
import { TokenPairDto } from './token-pair.dto';
import { Omittable } from '../../../common/http/validation';

/** The account as its owner sees it. */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: 'Ada', nullable: true, type: String }) firstName: string | null;
  @ApiProperty({ example: 'Lovelace', nullable: true, type: String }) lastName: string | null;
  @ApiProperty({ enum: ['customer', 'admin'] }) role: Role;
  @ApiProperty({ description: 'Whether the e-mail address has been verified' }) emailVerified: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      lastName: user.lastName,
      role: user.role,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

/** The new account and its first session. */
export class RegisteredDto extends TokenPairDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
}

/**
 * Profile changes. Omitted fields stay; `null` clears a name. A new e-mail address or password
 * needs `currentPassword`; a new address must be verified again.
 */
export class UpdateProfileDto {
  @NameField('Ada') firstName?: string | null;
  @NameField('Lovelace') lastName?: string | null;

  @EmailField({ optional: true, example: 'ada@example.org' })
  email?: string;

  @NewPasswordField({ optional: true, description: 'A new password, 8 to 128 characters' })
  password?: string;

  @ApiPropertyOptional({ description: 'Required to change email or password', maxLength: 128 })
  @Omittable() @IsString() @MinLength(1) @MaxLength(128)
  currentPassword?: string;
}
