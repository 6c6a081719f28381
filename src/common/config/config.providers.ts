import { Provider } from '@nestjs/common';
import { checkEnv, readEnv } from './env';

/** Every class a provider was made for: importing a module's file registers its configuration. */
const registered = new Set<new () => object>();

/** A provider for one configuration class, validated once when the app starts. */
export function configProvider<T extends object>(type: new () => T): Provider {
  registered.add(type);
  return { provide: type, useFactory: () => readEnv(type) };
}

/**
 * Validates every registered class before Nest starts, so a bad environment is reported as one
 * line per bad value, all at once, instead of by whichever provider Nest happens to build first.
 */
export function checkRegisteredConfig(env: NodeJS.ProcessEnv = process.env): void {
  checkEnv(registered, env);
}
