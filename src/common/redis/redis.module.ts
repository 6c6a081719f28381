import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { Redis, RedisOptions } from 'ioredis';
import { PlatformConfig } from '../config/platform.config';

export const REDIS = Symbol('REDIS');

/** Creates and remembers Redis connections, so shutdown can close every one of them. */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly open: Redis[] = [];

  constructor(private readonly config: PlatformConfig) {}

  /** BullMQ workers need `maxRetriesPerRequest: null`; request-path clients should fail fast instead. */
  create(options: RedisOptions = {}): Redis {
    const connection = new IORedis(this.config.REDIS_URL, { lazyConnect: false, ...options });
    connection.on('error', () => undefined);
    this.open.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(
      this.open.map((c) => (c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()))),
    );
  }
}

@Global()
@Module({
  providers: [
    RedisConnections,
    {
      provide: REDIS,
      inject: [RedisConnections],
      useFactory: (connections: RedisConnections) =>
        connections.create({ maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: 2000 }),
    },
  ],
  exports: [RedisConnections, REDIS],
})
export class RedisModule {}

export const InjectRedis = (): ParameterDecorator => Inject(REDIS);
