import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { UpdateProfileDto, UserDto } from './dto/user.dto';
import { ProfileService } from './profile.service';

@ApiTags('users')
@Authenticated()
@Controller('me')
export class MeController {
  constructor(private readonly profiles: ProfileService) {}

  @Get()
  @ApiOperation({ summary: 'My profile' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(404)
  get(@CurrentUser() user: Principal): Promise<UserDto> {
    return this.profiles.get(user.userId);
  }

  @Patch()
  @ApiOperation({
    summary: 'Change my name, e-mail address or password',
    description:
      'A new e-mail address or password needs `currentPassword`. A new address must be verified again ' +
      '(`users.email-verification-requested`); a new password signs out every session. ' +
      'Publishes `users.user-profile-changed` when the e-mail address or a name changes.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 409)
  update(@CurrentUser() user: Principal, @Body() dto: UpdateProfileDto): Promise<UserDto> {
    return this.profiles.update(user.userId, dto);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase my account (GDPR)',
    description:
      'Removes my e-mail address, names and addresses, ends every session and publishes `users.user-erased`; ' +
      'orders keep anonymised copies.',
  })
  @ApiNoContentResponse({ description: 'The account is erased' })
  @ApiProblems(404)
  async erase(@CurrentUser() user: Principal): Promise<void> {
    await this.profiles.erase(user.userId);
  }
}
