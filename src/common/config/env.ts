import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Thrown at start-up when an environment variable is missing or malformed; its message is for humans. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const isProduction = (): boolean => process.env.NODE_ENV === 'production';

/** Environment values are strings; a default's type says what the string should become. */
function coerce(value: string, fallback: unknown): unknown {
  if (typeof fallback === 'number') return value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value);
  if (typeof fallback === 'boolean') return ['true', '1', 'yes'].includes(value.toLowerCase()) ? true : ['false', '0', 'no'].includes(value.toLowerCase()) ? false : value;
  return value;
}

/**
 * Reads one concern's configuration class from the environment. Property names are the variable
 * names, property initialisers are the defaults; every bad value is reported, not just the first.
 */
export function readEnv<T extends object>(
  type: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const defaults = new type() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : coerce(value, defaults[key]);
  }
  const config = plainToInstance(type, raw);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return Object.freeze(config);
}
