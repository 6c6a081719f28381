import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam, ParseIdPipe } from '../../common/http/id-param';
import { PageQueryDto } from '../../common/http/pagination';
import { AddressesService } from './addresses.service';
import { AddressDto, AddressPageDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto';
import { AddressNotFoundError } from './users.errors';

/** A malformed id names no address: 404, like someone else's. */
const AddressId = () => IdParam('id', new ParseIdPipe({ exceptionFactory: () => new AddressNotFoundError() }));

@ApiTags('users')
@Authenticated()
@Controller('me/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  @ApiOperation({ summary: 'My saved addresses' })
  @ApiOkResponse({ type: AddressPageDto })
  @ApiProblems(400)
  list(@CurrentUser() user: Principal, @Query() page: PageQueryDto): Promise<AddressPageDto> {
    return this.addresses.list(user.userId, page);
  }

  @Post()
  @ApiOperation({ summary: 'Save an address', description: 'The first address, or one sent with `isDefault: true`, becomes the default.' })
  @ApiCreatedResponse({ type: AddressDto })
  @ApiProblems(400, 409)
  create(@CurrentUser() user: Principal, @Body() dto: CreateAddressDto): Promise<AddressDto> {
    return this.addresses.create(user.userId, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change one of my addresses' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AddressDto })
  @ApiProblems(400, 404)
  update(@CurrentUser() user: Principal, @AddressId() id: string, @Body() dto: UpdateAddressDto): Promise<AddressDto> {
    return this.addresses.update(user.userId, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my addresses' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'The address is deleted' })
  @ApiProblems(404)
  async remove(@CurrentUser() user: Principal, @AddressId() id: string): Promise<void> {
    await this.addresses.remove(user.userId, id);
  }
}
