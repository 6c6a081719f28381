import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import type { Principal } from '../../common/auth/auth.types';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { CatalogPageQueryDto } from './dto/page-query.dto';
import { ApiCacheableRead } from './cacheable-read.decorator';
import { CatalogConfig } from './catalog.config';
import { CreateReviewDto, ReviewDto, ReviewPageDto } from './dto/review.dto';
import { renderBody, sendCacheable } from './http-cache';
import { ReviewsService } from './reviews.service';

@ApiTags('catalog')
@Controller('products/:id/reviews')
export class ReviewsController {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly config: CatalogConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: "A published product's reviews, newest first (id or slug)" })
  @ApiCacheableRead(ReviewPageDto)
  @ApiProblems(400, 404)
  async list(
    @Param('id') id: string,
    @Query() page: CatalogPageQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const entry = renderBody(await this.reviews.list(id, page));
    return sendCacheable(request, reply, entry, this.config.CATALOG_HTTP_MAX_AGE_SECONDS);
  }

  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Review a product you bought (once)' })
  @ApiCreatedResponse({ type: ReviewDto })
  @ApiProblems(400, 403, 404, 409)
  create(@Param('id') id: string, @Body() body: CreateReviewDto, @CurrentUser() user: Principal): Promise<ReviewDto> {
    return this.reviews.create(id, user.userId, body);
  }
}
