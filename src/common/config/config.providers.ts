import { Provider } from '@nestjs/common';
import { readEnv } from './env';

/** A provider for one configuration class, validated once when the app starts. */
export function configProvider<T extends object>(type: new () => T): Provider {
  return { provide: type, useFactory: () => readEnv(type) };
}
