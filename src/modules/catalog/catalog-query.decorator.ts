import { applyDecorators, createParamDecorator, ExecutionContext, Type } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { FieldError, ValidationFailedError } from '../../common/errors/domain-error';
import { assertStorable } from '../../common/http/validation';
import { splitAttributeParams } from './attribute-filters';
import type { ListingFilterQueryDto } from './dto/listing-query.dto';

function flatten(errors: ValidationError[]): FieldError[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
}

/**
 * The query of a catalog list as `dto`: `attr.<key>` parameters have dynamic names, so they are
 * taken out first and the rest is validated exactly as the global ValidationPipe would (unknown
 * parameters refused, and text no column could store). The pipe leaves custom parameter decorators alone.
 */
export const CatalogQuery = createParamDecorator((dto: Type<ListingFilterQueryDto>, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  assertStorable(request.query);
  const { rest, attributes, errors } = splitAttributeParams({ ...(request.query as Record<string, unknown>) });
  const query = plainToInstance(dto, rest);
  errors.push(...flatten(validateSync(query, { whitelist: true, forbidNonWhitelisted: true })));
  if (errors.length) throw new ValidationFailedError(errors);
  query.attributes = attributes;
  return query;
});

/** Documents the validated parameters of `dto` and the attribute filters. */
export const ApiCatalogQuery = (dto: Type<ListingFilterQueryDto>) =>
  applyDecorators(
    ApiQuery({ type: dto }),
    ApiQuery({
      name: 'attr',
      required: false,
      style: 'deepObject',
      explode: true,
      schema: { type: 'object', additionalProperties: { type: 'string' }, example: { brand: 'acme' } },
      description:
        'Attribute filters: `attr[brand]=acme`, or the shorthand `attr.brand=acme`. Repeat a key to accept ' +
        'any of several values (`attr.colour=red&attr.colour=blue`); different keys must all match.',
    }),
  );
