import { Body, Controller, Delete, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../../common/auth/auth.decorators';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { IdParam, ParseIdPipe } from '../../common/http/id-param';
import { AdminCategoriesService } from './admin-categories.service';
import { CategoryNotFoundError } from './catalog.errors';
import { CategoryDto, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

// An id that cannot exist is not found, like one that does not.
const CategoryId = () => IdParam('id', new ParseIdPipe({ exceptionFactory: () => new CategoryNotFoundError() }));

@ApiTags('admin: catalog')
@AdminOnly()
@Controller('admin/categories')
export class AdminCategoriesController {
  constructor(private readonly categories: AdminCategoriesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a category (a root unless `parentId` is given)' })
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiProblems(400, 409)
  create(@Body() body: CreateCategoryDto): Promise<CategoryDto> {
    return this.categories.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, re-slug, reorder or move a category (with its subtree)' })
  @ApiOkResponse({ type: CategoryDto })
  @ApiProblems(400, 404, 409)
  update(@CategoryId() id: string, @Body() body: UpdateCategoryDto): Promise<CategoryDto> {
    return this.categories.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a category that has no subcategory and no product' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409)
  async remove(@CategoryId() id: string): Promise<void> {
    await this.categories.remove(id);
  }
}
