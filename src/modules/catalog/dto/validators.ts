import { Matches, registerDecorator, ValidationOptions } from 'class-validator';
import { isValidSlug } from '../slug';

export interface StringMapRules {
  keyPattern: RegExp;
  maxEntries: number;
  maxValueLength: number;
}

/** A JSON object of string values, e.g. `{ "size": "M" }`: bounded, keys by pattern, values non-empty. */
export function isStringMap(value: unknown, rules: StringMapRules): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    entries.length <= rules.maxEntries &&
    entries.every(
      ([k, v]) => rules.keyPattern.test(k) && typeof v === 'string' && v.trim().length > 0 && v.length <= rules.maxValueLength,
    )
  );
}

export function IsStringMap(rules: StringMapRules, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isStringMap',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be an object of at most ${rules.maxEntries} entries whose keys match ${rules.keyPattern} and whose values are non-empty strings of at most ${rules.maxValueLength} characters`,
        ...options,
      },
      validator: { validate: (value: unknown) => isStringMap(value, rules) },
    });
}

/** A slug an admin may choose (see `isValidSlug`). */
export function IsSlug(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSlug',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be lower-case letters and digits in hyphen-separated words (at most 120), not an id',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSlug(value) },
    });
}

/** Text with something other than white space in it: a name of spaces would show as nothing. */
export const IsNotBlank = (): PropertyDecorator => Matches(/\S/, { message: '$property must not be blank' });
