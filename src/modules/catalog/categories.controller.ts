import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { ApiCacheableRead } from './cacheable-read.decorator';
import { CatalogConfig } from './catalog.config';
import { CategoryReadsService } from './category-reads.service';
import { CategoryDetailDto, CategoryTreeDto } from './dto/category.dto';
import { sendCacheable } from './http-cache';

@ApiTags('catalog')
@Controller('categories')
export class CategoriesController {
  constructor(
    private readonly reads: CategoryReadsService,
    private readonly config: CatalogConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The category tree' })
  @ApiCacheableRead(CategoryTreeDto)
  async tree(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return sendCacheable(request, reply, await this.reads.tree(), this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One category with its parent, breadcrumbs and children' })
  @ApiCacheableRead(CategoryDetailDto)
  @ApiProblems(404)
  async bySlug(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return sendCacheable(request, reply, await this.reads.bySlug(slug), this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }
}
