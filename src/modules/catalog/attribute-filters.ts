import type { FieldError } from '../../common/errors/domain-error';

/** Attribute keys: lower-case letters, digits, `_` and `-`, e.g. `brand`, `heel-height`. */
export const ATTRIBUTE_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const MAX_ATTRIBUTE_FILTERS = 10;
export const MAX_VALUES_PER_ATTRIBUTE = 20;
export const MAX_ATTRIBUTE_VALUE_LENGTH = 100;

/** `attr.brand` or `attr[brand]` (the OpenAPI deepObject spelling). */
const ATTRIBUTE_PARAM = /^attr(?:\.([^.[\]]*)|\[([^\]]*)\])$/;

export interface SplitQuery {
  /** The other parameters, left for the query DTO to validate. */
  rest: Record<string, unknown>;
  /** key -> accepted values (a product matches one of them); keys are ANDed. */
  attributes: Record<string, string[]>;
  errors: FieldError[];
}

/**
 * Query parameter names of attribute filters are dynamic, so they cannot be DTO properties: this
 * takes them out of the query string before the rest is validated. Repeating a parameter
 * (`attr.colour=red&attr.colour=blue`) accepts any of the values.
 */
export function splitAttributeParams(query: Record<string, unknown>): SplitQuery {
  const rest: Record<string, unknown> = {};
  const attributes: Record<string, string[]> = {};
  const errors: FieldError[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const match = ATTRIBUTE_PARAM.exec(name);
    if (!match) {
      rest[name] = raw;
      continue;
    }
    const key = match[1] ?? match[2];
    const field = `attr.${key}`;
    if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
      errors.push({ field, message: 'attribute keys are lower-case letters, digits, "_" or "-" (at most 40)' });
      continue;
    }
    const values = [...new Set((Array.isArray(raw) ? raw : [raw]).map((v) => String(v)))];
    if (values.length > MAX_VALUES_PER_ATTRIBUTE) {
      errors.push({ field, message: `at most ${MAX_VALUES_PER_ATTRIBUTE} values per attribute` });
    } else if (values.some((v) => v.length === 0 || v.length > MAX_ATTRIBUTE_VALUE_LENGTH)) {
      errors.push({ field, message: `values must be 1 to ${MAX_ATTRIBUTE_VALUE_LENGTH} characters` });
    } else {
      attributes[key] = [...new Set([...(attributes[key] ?? []), ...values])];
    }
  }
  if (Object.keys(attributes).length > MAX_ATTRIBUTE_FILTERS) {
    errors.push({ field: 'attr', message: `at most ${MAX_ATTRIBUTE_FILTERS} attribute filters` });
  }
  return { rest, attributes, errors };
}
