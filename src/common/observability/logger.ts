import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentCorrelationId } from './request-context';

/** Structured JSON logs; secrets and tokens are redacted wherever they appear. */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'emporium' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-cart-token"]',
        '*.password',
        '*.token',
        '*.refreshToken',
        '*.accessToken',
        '*.cartToken',
      ],
      censor: '[redacted]',
    },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  });
}

/** Nest's logger interface on top of the same pino instance. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string, extra?: unknown) {
    const bindings = { context, ...(extra && typeof extra === 'object' && !(extra instanceof Error) ? extra : {}) };
    if (message && typeof message === 'object' && !(message instanceof Error)) {
      this.root[level]({ ...bindings, ...(message as object) }, typeof extra === 'string' ? extra : undefined);
    } else {
      this.root[level](bindings, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest.at(-1) as string, rest.length > 1 ? rest[0] : undefined);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest.at(-1) as string, rest.length > 1 ? rest[0] : undefined);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest.at(-1) as string, rest.length > 1 ? rest[0] : undefined);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest.at(-1) as string, rest.length > 1 ? rest[0] : undefined);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest.at(-1) as string, rest.length > 1 ? rest[0] : undefined);
  }
}
