import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationFailedError } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * NUL, which PostgreSQL's text cannot hold, and a UTF-16 surrogate without its pair (not Unicode;
 * JSON lets `"\ud800"` through, jsonb refuses it).
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

/** The paths of the strings in `value` (a parsed body or query) that no column could store. */
export function unstorableFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return unstorable(value) ? [path] : [];
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(unstorable(key) ? [path ? `${path}.${key}` : key] : []),
    ...unstorableFields(inner, path ? `${path}.${key}` : key),
  ]);
}

const CHECKED: ArgumentMetadata['type'][] = ['body', 'query', 'param'];

/**
 * Unknown fields are refused, never stored: no mass assignment of `role`, `price` or `status`. Text
 * that could not be stored is refused first, so it is a 400 naming the field and not a database error.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fields = CHECKED.includes(metadata.type) ? unstorableFields(value, metadata.type === 'param' ? (metadata.data ?? '') : '') : [];
    if (fields.length) {
      throw new ValidationFailedError(fields.map((field) => ({ field, message: `${field || 'the value'} contains NUL or an unpaired UTF-16 surrogate` })));
    }
    return super.transform(value, metadata);
  }
}

export const createValidationPipe = () =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
  });
