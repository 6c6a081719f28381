import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { ApiCacheableRead } from './cacheable-read.decorator';
import { CatalogConfig } from './catalog.config';
import { ApiCatalogQuery, CatalogQuery } from './catalog-query.decorator';
import { SearchQueryDto } from './dto/listing-query.dto';
import { SearchResultDto, SuggestionListDto } from './dto/search.dto';
import { SuggestQueryDto } from './dto/suggest-query.dto';
import { sendCacheable } from './http-cache';
import { SearchService } from './search.service';

@ApiTags('catalog')
@Controller('search')
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly config: CatalogConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Full-text search of published products, typo-tolerant, with facets',
    description:
      'Ranks name matches above SKU, category and attribute matches above description matches, in-stock items first. ' +
      'Takes the filters of `/products`; each facet counts under every active filter but its own.',
  })
  @ApiCatalogQuery(SearchQueryDto)
  @ApiCacheableRead(SearchResultDto)
  @ApiProblems(400)
  async find(
    @CatalogQuery(SearchQueryDto) query: SearchQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCacheable(request, reply, await this.search.search(query), this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }

  @Get('suggest')
  @ApiOperation({ summary: 'Up to 10 product names with a word starting with `q`' })
  @ApiCacheableRead(SuggestionListDto)
  @ApiProblems(400)
  async suggest(
    @Query() query: SuggestQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCacheable(request, reply, await this.search.suggest(query.q), this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }
}
