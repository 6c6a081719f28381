import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { PageQueryDto } from '../../common/http/pagination';
import { AdminStockService } from './admin-stock.service';
import { AdjustmentDto, AdjustStockDto } from './dto/adjust-stock.dto';
import { LedgerEntryDto, LedgerPageDto } from './dto/ledger-entry.dto';
import { ListStockQueryDto } from './dto/list-stock-query.dto';
import { SetStockDto } from './dto/set-stock.dto';
import { StockItemDto, StockItemPageDto } from './dto/stock-item.dto';
import { StockQueries } from './stock-queries.service';

const SKU = ApiParam({ name: 'sku', example: 'JKT-LTH-M-BLU' });

/** Stock as staff manage it: counts, corrections, the low-stock list and the ledger. */
@ApiTags('admin: inventory')
@AdminOnly()
@Controller('admin/inventory')
export class AdminInventoryController {
  constructor(
    private readonly queries: StockQueries,
    private readonly stock: AdminStockService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List stock items by SKU (optionally only those at or below their reorder level)' })
  @ApiOkResponse({ type: StockItemPageDto, description: 'A page of stock items' })
  @ApiProblems(400)
  async list(@Query() query: ListStockQueryDto): Promise<StockItemPageDto> {
    const page = await this.queries.list(query);
    return { items: page.items.map(StockItemDto.of), nextCursor: page.nextCursor };
  }

  @Get(':sku')
  @ApiOperation({ summary: 'A stock item' })
  @SKU
  @ApiOkResponse({ type: StockItemDto, description: 'The stock item' })
  @ApiProblems(404)
  async item(@Param('sku') sku: string): Promise<StockItemDto> {
    return StockItemDto.of(await this.queries.item(sku));
  }

  @Put(':sku')
  @ApiOperation({ summary: 'Set on hand to a counted figure (and the reorder level); the difference goes to the ledger' })
  @SKU
  @ApiOkResponse({ type: StockItemDto, description: 'The stock item after the count' })
  @ApiProblems(400, 404, 409, 503)
  async set(@Param('sku') sku: string, @Body() body: SetStockDto, @CurrentUser() user: Principal): Promise<StockItemDto> {
    return StockItemDto.of(await this.stock.set(sku, body, user.userId));
  }

  @Post(':sku/adjustments')
  @HttpCode(201)
  @ApiOperation({ summary: 'Correct on hand by a delta with a reason (never below what is reserved)' })
  @SKU
  @ApiCreatedResponse({ type: AdjustmentDto, description: 'The ledger entry written and the stock item after it' })
  @ApiProblems(400, 404, 409, 503)
  async adjust(@Param('sku') sku: string, @Body() body: AdjustStockDto, @CurrentUser() user: Principal): Promise<AdjustmentDto> {
    const { entry, item } = await this.stock.adjust(sku, body.delta, body.reason, user.userId);
    return { entry: LedgerEntryDto.of(entry), item: StockItemDto.of(item) };
  }

  @Get(':sku/ledger')
  @ApiOperation({ summary: 'Every movement of a SKU, newest first' })
  @SKU
  @ApiOkResponse({ type: LedgerPageDto, description: 'A page of ledger entries, newest first' })
  @ApiProblems(400, 404)
  async ledger(@Param('sku') sku: string, @Query() query: PageQueryDto): Promise<LedgerPageDto> {
    const page = await this.queries.ledger(sku, query);
    return { items: page.items.map(LedgerEntryDto.of), nextCursor: page.nextCursor };
  }
}
