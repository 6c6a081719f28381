import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// Omitted is fine; `null` is not (it would mean "no e-mail", which no account has).
const optionally = (optional: boolean) => (optional ? [ValidateIf((_: object, value: unknown) => value !== undefined)] : []);

/** An e-mail address as typed, trimmed; compared without regard to case. */
export const EmailField = ({ optional = false, example = 'ada@example.com' } = {}) =>
  applyDecorators(
    ApiProperty({ example, maxLength: 254, format: 'email', required: !optional }),
    Transform(trim),
    ...optionally(optional),
    IsEmail(),
    MaxLength(254),
  );

/** A new password: 8 to 128 characters (NIST SP 800-63B: length over composition rules). */
export const NewPasswordField = ({ optional = false, description = 'The password, 8 to 128 characters' } = {}) =>
  applyDecorators(
    ApiProperty({ example: 'correct horse battery staple', minLength: 8, maxLength: 128, description, required: !optional }),
    ...optionally(optional),
    IsString(),
    MinLength(8),
    MaxLength(128),
  );

/** A first or last name, trimmed; `null` clears it where the DTO allows. */
export const NameField = (example: string) =>
  applyDecorators(
    ApiProperty({ example, maxLength: 100, nullable: true, type: String, required: false }),
    Transform(trim),
    IsOptional(),
    IsString(),
    MinLength(1),
    MaxLength(100),
  );
