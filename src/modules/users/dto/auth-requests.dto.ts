import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { EmailField, NameField, NewPasswordField } from './fields';

export class RegisterDto {
  @EmailField() email: string;
  @NewPasswordField() password: string;
  @NameField('Ada') firstName?: string;
  @NameField('Lovelace') lastName?: string;
}

export class LoginDto {
  @EmailField() email: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: 128 })
  @IsString() @MinLength(1) @MaxLength(128)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token of the latest pair', example: 'q1Xo0c...' })
  @IsString() @MinLength(1) @MaxLength(256)
  refreshToken: string;
}

export class ForgotPasswordDto {
  @EmailField() email: string;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token from the reset e-mail', example: 'Zx8Qe...' })
  @IsString() @MinLength(1) @MaxLength(256)
  token: string;

  @NewPasswordField() password: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the verification e-mail', example: 'Zx8Qe...' })
  @IsString() @MinLength(1) @MaxLength(256)
  token: string;
}
