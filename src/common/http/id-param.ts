import { ArgumentMetadata, Injectable, ParseUUIDPipe } from '@nestjs/common';

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
