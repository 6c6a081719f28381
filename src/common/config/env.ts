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

type ConfigType<T extends object = object> = new () => T;

/** Builds one class from the environment; each problem is a variable name and what is wrong with it. */
function load<T extends object>(type: ConfigType<T>, env: NodeJS.ProcessEnv): { config: T; problems: [string, string][] } {
  const defaults = new type() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : coerce(value, defaults[key]);
  }
  const config = plainToInstance(type, raw);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  return { config, problems: errors.map((e) => [e.property, Object.values(e.constraints ?? {}).join('; ')]) };
}

const lines = (problems: Iterable<[string, string]>): string[] => [...problems].map(([key, why]) => `${key}: ${why}`);

/**
 * Reads one concern's configuration class from the environment. Property names are the variable
 * names, property initialisers are the defaults; every bad value is reported, not just the first.
 */
export function readEnv<T extends object>(type: ConfigType<T>, env: NodeJS.ProcessEnv = process.env): T {
  const { config, problems } = load(type, env);
  if (problems.length > 0) throw new ConfigError(lines(problems));
  return Object.freeze(config);
}

/**
 * Validates several classes at once, so start-up names every bad value in one go. A variable that
 * several classes read (STORE_CURRENCY) is reported once.
 */
export function checkEnv(types: Iterable<ConfigType>, env: NodeJS.ProcessEnv = process.env): void {
  const problems = new Map<string, string>();
  for (const type of types) {
    for (const [key, why] of load(type, env).problems) if (!problems.has(key)) problems.set(key, why);
  }
  if (problems.size > 0) throw new ConfigError(lines(problems));
}
