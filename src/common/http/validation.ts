import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError, ValidationFailedError } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * A body property that may be left out. `null` is validated like any other value, so it is refused
 * unless the property allows it: `@IsOptional()` skips `null` too, which made `{"amount": null}`
 * read as "amount omitted" (a full refund) and sent `{"name": null}` to the database.
 */
export const Omittable = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

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

/** A 400 for each such string (`path` names a path parameter's value), before anything validates it. */
export function assertStorable(value: unknown, path = ''): void {
  const fields = unstorableFields(value, path);
  if (fields.length) {
    throw new ValidationFailedError(fields.map((field) => ({ field, message: `${field || 'the value'} contains NUL or an unpaired UTF-16 surrogate` })));
  }
}

const CHECKED: ArgumentMetadata['type'][] = ['body', 'query', 'param'];

/**
 * Unknown fields are refused, never stored: no mass assignment of `role`, `price` or `status`. Text
 * that could not be stored is refused first, so it is a 400 naming the field and not a database error.
 * A body is an object (every body here is a DTO): `null` or `[]` is not read as "no fields".
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (CHECKED.includes(metadata.type)) assertStorable(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (metadata.type === 'body' && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ValidationFailedError([{ field: 'body', message: 'the body must be a JSON object' }]);
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
