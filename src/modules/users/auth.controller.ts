import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { AccountRecoveryService } from './account-recovery.service';
import { AuthRateLimit } from './auth-rate-limit';
import { AuthService } from './auth.service';
import {
  ForgotPasswordDto,
  LoginDto,
  RefreshTokenDto,
  RegisterDto,
  ResetPasswordDto,
  VerifyEmailDto,
} from './dto/auth-requests.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { RegisteredDto } from './dto/user.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly recovery: AccountRecoveryService,
  ) {}

  @Post('register')
  @AuthRateLimit('register', { perEmail: true })
  @ApiOperation({ summary: 'Create a customer account and sign in', description: 'Publishes `users.user-registered` (the verification e-mail).' })
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiProblems(400, 409)
  register(@Body() dto: RegisterDto): Promise<RegisteredDto> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @AuthRateLimit('login', { perEmail: true })
  @ApiOperation({ summary: 'Sign in', description: 'Any bad credential (unknown e-mail, wrong password, disabled account) gets the same 401.' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401)
  login(@Body() dto: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair',
    description: 'The token is spent. Presenting a spent token again revokes every token of its session (reuse detection).',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401)
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Sign out: revoke the session of this refresh token' })
  @ApiNoContentResponse({ description: 'The session is revoked (also when it already was)' })
  @ApiProblems(400)
  async logout(@CurrentUser() user: Principal, @Body() dto: RefreshTokenDto): Promise<void> {
    await this.auth.logout(user.userId, dto.refreshToken);
  }

  @Post('password/forgot')
  @HttpCode(202)
  @AuthRateLimit('password-forgot', { perEmail: true })
  @ApiOperation({
    summary: 'Ask for a password reset link',
    description:
      'Always 202, whether or not an account has this address, and answered before the address is looked up, so the timing tells nothing either. When an account has it, `users.password-reset-requested` follows within moments.',
  })
  @ApiAcceptedResponse({ description: 'If an account has this address, a reset link is on its way' })
  @ApiProblems(400)
  async forgotPassword(@Body() dto: ForgotPasswordDto): Promise<void> {
    await this.recovery.forgotPassword(dto.email);
  }

  @Post('password/reset')
  @HttpCode(204)
  @AuthRateLimit('password-reset', { perEmail: false })
  @ApiOperation({ summary: 'Set a new password with the token from the reset e-mail', description: 'Signs the account out everywhere.' })
  @ApiNoContentResponse({ description: 'The password is changed' })
  @ApiProblems(400)
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.recovery.resetPassword(dto.token, dto.password);
  }

  @Post('email/verify')
  @HttpCode(204)
  @ApiOperation({ summary: 'Verify an e-mail address with the token from the verification e-mail' })
  @ApiNoContentResponse({ description: 'The address is verified' })
  @ApiProblems(400)
  async verifyEmail(@Body() dto: VerifyEmailDto): Promise<void> {
    await this.recovery.verifyEmail(dto.token);
  }
}
