import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { CategoryRefDto } from './product-card.dto';
import { IsNotBlank, IsSlug } from './validators';
import { Omittable } from '../../../common/http/validation';

export class CreateCategoryDto {
  @ApiProperty({ example: 'Jackets', maxLength: 100 })
  @IsString() @MinLength(1) @IsNotBlank() @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: 'jackets', description: 'Generated from the name when omitted' })
  @Omittable() @IsSlug()
  slug?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Null or absent: a root category' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({ description: 'Order among its siblings (lowest first)', default: 0 })
  @Omittable() @IsInt() @Min(0) @Max(100_000)
  position?: number;
}

export class UpdateCategoryDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @Omittable() @IsString() @MinLength(1) @IsNotBlank() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional()
  @Omittable() @IsSlug()
  slug?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Moves the category; null makes it a root' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional()
  @Omittable() @IsInt() @Min(0) @Max(100_000)
  position?: number;
}

export class CategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty() position: number;
  @ApiProperty() version: number;
}

export class CategoryNodeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'jackets' }) slug: string;
  @ApiProperty({ example: 'Jackets' }) name: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: () => [CategoryNodeDto] }) children: CategoryNodeDto[];
}

export class CategoryTreeDto {
  @ApiProperty({ type: [CategoryNodeDto], description: 'Root categories, each with its subtree' }) items: CategoryNodeDto[];
}

export class CategoryDetailDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: CategoryRefDto, nullable: true }) parent: CategoryRefDto | null;
  @ApiProperty({ type: [CategoryRefDto], description: 'From the root down to this category, itself included' })
  breadcrumbs: CategoryRefDto[];
  @ApiProperty({ type: [CategoryRefDto] }) children: CategoryRefDto[];
}
