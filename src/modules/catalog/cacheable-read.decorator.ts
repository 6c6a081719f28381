import { applyDecorators, Type } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse } from '@nestjs/swagger';

/** Documents a public read that answers with validators and honours `If-None-Match`. */
export const ApiCacheableRead = (type: Type<unknown>, description?: string) =>
  applyDecorators(
    ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier answer: 304 while it is current' }),
    ApiOkResponse({
      type,
      description,
      headers: {
        ETag: { description: 'Strong validator of the body', schema: { type: 'string' } },
        'Cache-Control': { description: '`public, max-age=<CATALOG_HTTP_MAX_AGE_SECONDS>, must-revalidate`', schema: { type: 'string' } },
      },
    }),
    ApiResponse({ status: 304, description: 'Not Modified: the copy named by If-None-Match is current' }),
  );
