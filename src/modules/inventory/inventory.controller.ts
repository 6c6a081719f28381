import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { AvailabilityDto } from './dto/stock-item.dto';
import { StockQueries } from './stock-queries.service';

/** Availability for storefronts: no counts beyond what can be ordered. */
@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly queries: StockQueries) {}

  @Get(':sku')
  @ApiOperation({ summary: 'How many units of a SKU can be ordered' })
  @ApiParam({ name: 'sku', example: 'JKT-LTH-M-BLU' })
  @ApiOkResponse({ type: AvailabilityDto, description: 'What can be ordered now' })
  @ApiProblems(404)
  async availability(@Param('sku') sku: string): Promise<AvailabilityDto> {
    return AvailabilityDto.of(await this.queries.item(sku));
  }
}
