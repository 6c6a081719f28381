import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { PlatformConfig } from '../../common/config/platform.config';
import { InjectRedis } from '../../common/redis/redis.module';
import { CatalogConfig } from './catalog.config';

/** A rendered response: its strong ETag and its JSON body. */
export interface CachedBody {
  etag: string;
  body: string;
}

/** What a lookup saw: the value, if any, and the generation a fill must be stored under. */
export interface CacheLookup<T> {
  hit: T | undefined;
  generation: string;
}

export type CacheScope = 'lists' | 'tree';

// Reads a scope's generation and the entry under it in one round trip.
const GET_IN_SCOPE = `
local gen = redis.call('GET', KEYS[1]) or '0'
return { gen, redis.call('GET', ARGV[1] .. gen .. ':' .. ARGV[2]) or '' }`;

// Product details are keyed by the product's own generation and the category tree's one (a
// detail shows its category); a slug is first resolved to the id through its mapping.
const GET_PRODUCT = `
local p = ARGV[1]
local id = ARGV[2]
if ARGV[3] == 'slug' then
  id = redis.call('GET', p .. 'slug:' .. ARGV[2])
  if not id then return { '', '', '' } end
end
local gen = (redis.call('GET', p .. 'gen:product:' .. id) or '0') .. '.' .. (redis.call('GET', p .. 'gen:tree') or '0')
return { id, gen, redis.call('GET', p .. 'product:' .. id .. ':' .. gen) or '' }`;

interface LuaScript {
  lua: string;
  sha: string;
}

const script = (lua: string): LuaScript => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });
const SCOPED = script(GET_IN_SCOPE);
const PRODUCT = script(GET_PRODUCT);

const encode = (entry: CachedBody) => `${entry.etag}\n${entry.body}`;
const decode = (raw: string): CachedBody | undefined => {
  const cut = raw.indexOf('\n');
  return cut > 0 ? { etag: raw.slice(0, cut), body: raw.slice(cut + 1) } : undefined;
};

/**
 * The catalog's Redis cache. Entries live under generation numbers that invalidation increments,
 * so a fill that raced an invalidation lands under the old generation and is never read. Redis
 * trouble degrades to database reads, never to errors.
 */
@Injectable()
export class CatalogCache {
  private readonly logger = new Logger(CatalogCache.name);
  private readonly prefix: string;
  /** Fills under way in this process: concurrent misses of one entry share one database read. */
  private readonly filling = new Map<string, Promise<CachedBody>>();

  constructor(
    @InjectRedis() private readonly redis: Redis,
    platform: PlatformConfig,
    private readonly config: CatalogConfig,
  ) {
    this.prefix = `${platform.REDIS_PREFIX}:catalog:`;
  }

  async get(scope: CacheScope, key: string): Promise<CacheLookup<CachedBody>> {
    try {
      const [generation, raw] = (await this.run(SCOPED, [`${this.prefix}gen:${scope}`], [`${this.prefix}${scope}:`, key])) as [string, string];
      return { generation, hit: raw ? decode(raw) : undefined };
    } catch (err) {
      this.logger.warn({ err }, 'catalog cache read failed');
      return { generation: 'none', hit: undefined };
    }
  }

  /** The cached entry, or `produce`'s, stored for the next reader. */
  async through(scope: CacheScope, key: string, produce: () => Promise<CachedBody>): Promise<CachedBody> {
    if (scope === 'lists' && this.config.CATALOG_LIST_CACHE_TTL_SECONDS === 0) return produce();
    const { hit, generation } = await this.get(scope, key);
    if (hit) return hit;
    return this.once(`${scope}:${generation}:${key}`, async () => {
      const entry = await produce();
      await this.set(scope, generation, key, entry);
      return entry;
    });
  }

  /** Runs `fill` once for concurrent callers with the same key (a hot entry expiring under load). */
  once(key: string, fill: () => Promise<CachedBody>): Promise<CachedBody> {
    const running = this.filling.get(key);
    if (running) return running;
    const started = fill().finally(() => this.filling.delete(key));
    this.filling.set(key, started);
    return started;
  }

  async set(scope: CacheScope, generation: string, key: string, entry: CachedBody): Promise<void> {
    if (generation === 'none') return;
    const ttl = scope === 'lists' ? this.config.CATALOG_LIST_CACHE_TTL_SECONDS : this.config.CATALOG_CACHE_TTL_SECONDS;
    await this.quietly(() => this.redis.set(`${this.prefix}${scope}:${generation}:${key}`, encode(entry), 'EX', ttl));
  }

  /** `productId` is known when the lookup went through a cached slug mapping (or an id was asked). */
  async getProduct(idOrSlug: string, bySlug: boolean): Promise<CacheLookup<CachedBody & { slug: string }> & { productId?: string }> {
    try {
      const [id, generation, raw] = (await this.run(PRODUCT, [], [this.prefix, idOrSlug, bySlug ? 'slug' : 'id'])) as string[];
      const cut = raw.indexOf('\n');
      const entry = cut > 0 ? decode(raw.slice(cut + 1)) : undefined;
      return {
        productId: id || undefined,
        generation: generation || 'none',
        hit: entry ? { ...entry, slug: raw.slice(0, cut) } : undefined,
      };
    } catch (err) {
      this.logger.warn({ err }, 'catalog cache read failed');
      return { generation: 'none', hit: undefined };
    }
  }

  async setProduct(productId: string, generation: string, slug: string, entry: CachedBody): Promise<void> {
    if (generation === 'none') return;
    const value = `${slug}\n${encode(entry)}`;
    await this.quietly(() => this.redis.set(`${this.prefix}product:${productId}:${generation}`, value, 'EX', this.config.CATALOG_CACHE_TTL_SECONDS));
  }

  async setSlug(slug: string, productId: string): Promise<void> {
    await this.quietly(() => this.redis.set(`${this.prefix}slug:${slug}`, productId, 'EX', this.config.CATALOG_CACHE_TTL_SECONDS));
  }

  /** After a product change: its detail, its slugs, and every list or search page. */
  async invalidateProduct(productId: string, slugs: string[]): Promise<void> {
    const pipeline = this.redis.pipeline().incr(`${this.prefix}gen:product:${productId}`).incr(`${this.prefix}gen:lists`);
    for (const slug of slugs) pipeline.del(`${this.prefix}slug:${slug}`);
    await this.exec(pipeline);
  }

  /** After stock changes that lists do not show (the detail shows the available quantity). */
  async invalidateDetails(productIds: Iterable<string>): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const productId of productIds) pipeline.incr(`${this.prefix}gen:product:${productId}`);
    if (pipeline.length) await this.exec(pipeline);
  }

  /** After a category change: the tree, every detail (they show their category) and every list. */
  async invalidateTree(): Promise<void> {
    await this.exec(this.redis.pipeline().incr(`${this.prefix}gen:tree`).incr(`${this.prefix}gen:lists`));
  }

  async invalidateLists(): Promise<void> {
    await this.redis.incr(`${this.prefix}gen:lists`);
  }

  /** EVALSHA, loading the script on the first NOSCRIPT (a restarted or flushed Redis). */
  private async run(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(script.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return this.redis.eval(script.lua, keys.length, ...keys, ...args);
    }
  }

  private async exec(pipeline: ReturnType<Redis['pipeline']>): Promise<void> {
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed) throw failed[0];
  }

  private async quietly(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      this.logger.warn({ err }, 'catalog cache write failed');
    }
  }
}
