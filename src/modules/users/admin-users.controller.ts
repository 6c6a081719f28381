import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam, ParseIdPipe } from '../../common/http/id-param';
import { AdminUsersService } from './admin-users.service';
import { AdminUserDto, AdminUserPageDto, AdminUserQueryDto, UpdateUserAccessDto } from './dto/admin-user.dto';
import { UserNotFoundError } from './users.errors';

@ApiTags('admin: users')
@AdminOnly()
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({ summary: 'Search accounts', description: 'Newest first; `q` matches part of the e-mail address or a name.' })
  @ApiOkResponse({ type: AdminUserPageDto })
  @ApiProblems(400)
  list(@Query() query: AdminUserQueryDto): Promise<AdminUserPageDto> {
    return this.users.list(query);
  }

  @Patch(':id')
  @ApiOperation({
    summary: "Change an account's role or disable it",
    description: 'Disabling or demoting ends every session of the account. Admins cannot demote or disable themselves (409).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AdminUserDto })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentUser() actor: Principal,
    @IdParam('id', new ParseIdPipe({ exceptionFactory: () => new UserNotFoundError() })) id: string,
    @Body() dto: UpdateUserAccessDto,
  ): Promise<AdminUserDto> {
    return this.users.updateAccess(actor.userId, id, dto);
  }
}
