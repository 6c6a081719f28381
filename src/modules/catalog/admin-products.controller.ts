import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly } from '../../common/auth/auth.decorators';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { versionEtag } from '../../common/http/etag';
import { IdParam, ParseIdPipe } from '../../common/http/id-param';
import { AdminProductReads } from './admin-product-reads';
import { AdminProductsService } from './admin-products.service';
import { AdminVariantsService } from './admin-variants.service';
import { ProductNotFoundError, VariantNotFoundError } from './catalog.errors';
import { AdminProductDto, AdminProductPageDto } from './dto/admin-product.dto';
import { AdminProductQueryDto } from './dto/admin-product-query.dto';
import { CreateProductDto, UpdateProductDto, UpdateVariantDto, VariantInputDto } from './dto/product-input.dto';

// Ids that cannot exist are not found, like ids that do not.
const ProductId = () => IdParam('id', new ParseIdPipe({ exceptionFactory: () => new ProductNotFoundError() }));
const VariantId = () => IdParam('variantId', new ParseIdPipe({ exceptionFactory: () => new VariantNotFoundError() }));
const IF_MATCH = ApiHeader({ name: 'If-Match', required: false, description: 'The ETag read earlier: 412 if the product changed since' });
const ETAG = { ETag: { description: 'W/"<id>-<version>", for If-Match', schema: { type: 'string' } } };

/** Answers with the document and its version validator. */
function withEtag(reply: FastifyReply, product: AdminProductDto): AdminProductDto {
  void reply.header('ETag', versionEtag(product.id, product.version));
  return product;
}

@ApiTags('admin: catalog')
@AdminOnly()
@Controller('admin/products')
export class AdminProductsController {
  constructor(
    private readonly products: AdminProductsService,
    private readonly variants: AdminVariantsService,
    private readonly reads: AdminProductReads,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a product with its variants (a draft unless `status` says otherwise)' })
  @ApiCreatedResponse({ type: AdminProductDto, headers: ETAG })
  @ApiProblems(400, 409)
  async create(@Body() body: CreateProductDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AdminProductDto> {
    const product = await this.products.create(body);
    void reply.header('Location', `/api/v1/admin/products/${product.id}`);
    return withEtag(reply, product);
  }

  @Get()
  @ApiOperation({ summary: 'Products in any status, newest first' })
  @ApiOkResponse({ type: AdminProductPageDto })
  @ApiProblems(400)
  list(@Query() query: AdminProductQueryDto): Promise<AdminProductPageDto> {
    return this.reads.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One product in any status, with its ETag for If-Match' })
  @ApiOkResponse({ type: AdminProductDto, headers: ETAG })
  @ApiProblems(404)
  async get(@ProductId() id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AdminProductDto> {
    return withEtag(reply, await this.reads.product(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a product: fields sent replace the current ones (images and attributes as a whole)' })
  @IF_MATCH
  @ApiOkResponse({ type: AdminProductDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412)
  async update(
    @ProductId() id: string,
    @Body() body: UpdateProductDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminProductDto> {
    return withEtag(reply, await this.products.update(id, body, ifMatch));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a product: it leaves the shop, orders and carts keep referring to it' })
  @IF_MATCH
  @ApiNoContentResponse({ description: 'Archived (or already archived)' })
  @ApiProblems(404, 412)
  async archive(@ProductId() id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.products.archive(id, ifMatch);
  }

  @Post(':id/variants')
  @ApiOperation({ summary: 'Add a variant; answers with the whole product' })
  @IF_MATCH
  @ApiCreatedResponse({ type: AdminProductDto, headers: ETAG })
  @ApiProblems(400, 404, 409, 412)
  async addVariant(
    @ProductId() id: string,
    @Body() body: VariantInputDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminProductDto> {
    return withEtag(reply, await this.variants.add(id, body, ifMatch));
  }

  @Patch(':id/variants/:variantId')
  @ApiOperation({ summary: 'Change a variant (its SKU is fixed); answers with the whole product' })
  @IF_MATCH
  @ApiOkResponse({ type: AdminProductDto, headers: ETAG })
  @ApiProblems(400, 404, 412)
  async updateVariant(
    @ProductId() id: string,
    @VariantId() variantId: string,
    @Body() body: UpdateVariantDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminProductDto> {
    return withEtag(reply, await this.variants.update(id, variantId, body, ifMatch));
  }

  @Delete(':id/variants/:variantId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a variant (it stops being sellable; the last one cannot go)' })
  @IF_MATCH
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409, 412)
  async removeVariant(
    @ProductId() id: string,
    @VariantId() variantId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.variants.remove(id, variantId, ifMatch);
  }
}
