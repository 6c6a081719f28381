import { ArgumentMetadata, Injectable, Param, ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/**
 * A UUID path parameter, validated, in its canonical lower-case spelling. PostgreSQL matches a uuid
 * whatever its case, but ids are compared as text too (an ETag is `W/"<id>-<version>"`), so only
 * one spelling goes past the edge.
 */
@Injectable()
export class ParseIdPipe extends ParseUUIDPipe {
  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/**
 * A UUID path parameter (`ParseIdPipe`, or `pipe` for another error than 400), documented as one:
 * Nest's pipes do not describe themselves in the OpenAPI document.
 */
export function IdParam(name = 'id', pipe: PipeTransform = new ParseIdPipe()): ParameterDecorator {
  return (target, method, index) => {
    Param(name, pipe)(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method);
    if (descriptor) ApiParam({ name, type: String, format: 'uuid' })(target, method, descriptor);
  };
}
