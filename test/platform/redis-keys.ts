import IORedis from 'ioredis';

/** Deletes the keys of a test's own Redis prefix (the global teardown sweeps only the run's prefix). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
