import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../common/auth/auth.decorators';
import { CatalogCache } from './catalog-cache';
import { ListingProjector } from './listing-projector';

class ReindexResultDto {
  @ApiProperty({ description: 'Products looked at' }) products: number;
  @ApiProperty({ description: 'Products whose public listing changed' }) changed: number;
}

@ApiTags('admin: catalog')
@AdminOnly()
@Controller('admin/catalog')
export class AdminCatalogController {
  constructor(
    private readonly projector: ListingProjector,
    private readonly cache: CatalogCache,
  ) {}

  @Post('reindex')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rebuild listings, search documents and suggestions of the whole catalog',
    description: 'For products written straight into the database (bulk imports, seeds); normal writes keep them current.',
  })
  @ApiOkResponse({ type: ReindexResultDto })
  async reindex(): Promise<ReindexResultDto> {
    const result = await this.projector.refreshAll();
    await this.cache.invalidateLists();
    return result;
  }
}
