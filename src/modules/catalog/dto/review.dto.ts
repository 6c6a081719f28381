import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../../../common/http/validation';

export class CreateReviewDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt() @Min(1) @Max(5)
  rating: number;

  @ApiPropertyOptional({ maxLength: 120, example: 'Warm and well made' })
  @Omittable() @IsString() @MaxLength(120)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000, example: 'Fits true to size.' })
  @Omittable() @IsString() @MaxLength(5000)
  body?: string;
}

export class ReviewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ description: 'Always true: only buyers may review' }) verifiedPurchase: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReviewPageDto {
  @ApiProperty({ type: [ReviewDto] }) items: ReviewDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
