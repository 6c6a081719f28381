import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { ApiCacheableRead } from './cacheable-read.decorator';
import { CatalogConfig } from './catalog.config';
import { ApiCatalogQuery, CatalogQuery } from './catalog-query.decorator';
import { ProductListQueryDto } from './dto/listing-query.dto';
import { ProductDetailDto, ProductPageDto } from './dto/product-card.dto';
import { sendCacheable } from './http-cache';
import { ProductReadsService } from './product-reads.service';

@ApiTags('catalog')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly reads: ProductReadsService,
    private readonly config: CatalogConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Published products, filtered and sorted, one page at a time',
    description:
      'Keyset pagination: follow `nextCursor`; pages stay exact (no duplicates, no gaps) while products are added. ' +
      'Price filters and sorts use the lowest variant price.',
  })
  @ApiCatalogQuery(ProductListQueryDto)
  @ApiCacheableRead(ProductPageDto)
  @ApiProblems(400)
  async list(
    @CatalogQuery(ProductListQueryDto) query: ProductListQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCacheable(request, reply, await this.reads.list(query), this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }

  @Get(':idOrSlug')
  @ApiOperation({ summary: 'A published product by id or slug, with variants, availability and rating' })
  @ApiCacheableRead(ProductDetailDto)
  @ApiProblems(404)
  async detail(
    @Param('idOrSlug') idOrSlug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCacheable(request, reply, await this.reads.detail(idOrSlug), this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }
}
